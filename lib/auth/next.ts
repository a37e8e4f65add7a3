import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/db/client";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { clientIpFrom } from "./client-ip";
import { resolveOAuthUser, type OAuthProvider } from "./oauth-user";
import { verifyCredentials } from "./verify-credentials";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
/** Its code carries the seconds to wait ("rate_limited_42"), so the sign-in page can say when to try again. */
export class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `rate_limited_${retryAfterSeconds}`;
  }
}

/** The caller's address as server.ts resolved it (X-Forwarded-For is believed only from TRUSTED_PROXIES). */
export const clientIp = clientIpFrom;

/** Which OAuth providers this instance has credentials for (their buttons show on the sign-in page). */
export function oauthProviders(): OAuthProvider[] {
  const env = getEnv();
  const list: OAuthProvider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push("github");
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push("google");
  return list;
}

function config(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        try {
          const user = await verifyCredentials({
            ctx: { db: getDb() },
            input: { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") },
            ip: clientIp(request.headers),
          });
          if (!user) throw new InvalidCredentials();
          return user;
        } catch (e) {
          if (isAppError(e) && e.code === "rate_limited") throw new TooManyAttempts(e.retryAfterSeconds ?? 60);
          throw e;
        }
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));

  return {
    providers,
    secret: process.env.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || account.type !== "oauth") return true;
        const email = profile?.email;
        // Google says whether it verified the address; GitHub only returns verified primary addresses.
        if (!email || (account.provider === "google" && profile?.email_verified === false)) return "/sign-in?error=EmailNotVerified";
        try {
          await resolveOAuthUser({
            ctx: { db: getDb(), actor: { kind: "system" } },
            input: { provider: account.provider as OAuthProvider, providerAccountId: account.providerAccountId, email, name: profile?.name, image: profile?.picture ?? profile?.avatar_url },
            allowSignup: env.ALLOW_SIGNUP,
          });
          return true;
        } catch (e) {
          if (isAppError(e)) return "/sign-in?error=SignupClosed";
          throw e;
        }
      },
      async jwt({ token, user, account, profile }) {
        if (account?.type === "oauth" && profile?.email) {
          const resolved = await resolveOAuthUser({
            ctx: { db: getDb(), actor: { kind: "system" } },
            input: { provider: account.provider as OAuthProvider, providerAccountId: account.providerAccountId, email: profile.email },
            allowSignup: env.ALLOW_SIGNUP,
          });
          token.sub = resolved.id;
        } else if (user?.id) {
          token.sub = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
