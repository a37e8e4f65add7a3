"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { systemCtx } from "@/lib/context";
import { limitSignUp, signUp, SignUpInput } from "@/lib/auth";
import { clientIp, oauthProviders, signIn, signOut } from "@/lib/auth/next";
import { getEnv } from "@/lib/env";
import { describeZodError, toActionError, type ActionError } from "@/lib/http";

export type AuthFormState = { error?: ActionError; values?: Record<string, string> } | null;

/** Only same-site paths: never redirect to another origin after sign-in. */
function safeCallback(value: FormDataEntryValue | null, fallback = "/"): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : fallback;
}

const SIGN_IN_ERRORS: Record<string, string> = {
  invalid_credentials: "That email and password don't match an account.",
};

function tryAgainIn(secs: number): string {
  const when = secs < 90 ? `${secs} second${secs === 1 ? "" : "s"}` : `${Math.ceil(secs / 60)} minutes`;
  return `Too many attempts. For your account's safety, try again in ${when}.`;
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: safeCallback(form.get("callbackUrl")) });
    return null;
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code ?? "";
      const wait = /^rate_limited_(\d+)$/.exec(code);
      if (wait) return { error: { code: "rate_limited", message: tryAgainIn(Number(wait[1])) }, values: { email } };
      return { error: { code: "unauthorized", message: SIGN_IN_ERRORS[code] ?? "Sign-in failed. Try again." }, values: { email } };
    }
    throw e; // next/navigation's redirect travels as an error
  }
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const parsed = SignUpInput.safeParse({
    ...values,
    password: String(form.get("password") ?? ""),
    inviteToken: (form.get("inviteToken") as string) || undefined,
  });
  if (!parsed.success) return { error: { code: "invalid_input", message: describeZodError(parsed.error).replace(/^\w+: /, "") }, values };
  let redirectTo: string;
  try {
    await limitSignUp(clientIp(await headers()));
    const result = await signUp({ ctx: systemCtx(), input: parsed.data, allowSignup: getEnv().ALLOW_SIGNUP });
    redirectTo = result.joinedWorkspaceSlug ? `/w/${result.joinedWorkspaceSlug}` : "/new";
  } catch (e) {
    return { error: toActionError(e), values };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  return null;
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

/** "Continue with GitHub/Google" (components/auth/oauth-buttons.tsx): only a provider this instance has credentials for. */
export async function oauthSignInAction(provider: string, callbackUrl: string): Promise<void> {
  const enabled: string[] = oauthProviders();
  if (!enabled.includes(provider)) return;
  await signIn(provider, { redirectTo: safeCallback(callbackUrl) });
}
