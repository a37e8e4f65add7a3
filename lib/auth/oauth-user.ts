import "server-only";
import { and, eq } from "drizzle-orm";
import { oauthAccounts, users, OAUTH_PROVIDERS } from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { inTransaction, type Ctx } from "@/lib/context";

export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/**
 * Maps an OAuth identity to a Promptyard user: a linked account wins; otherwise the provider's verified email
 * links to (or, when sign-up is open, creates) the user with that email.
 */
export async function resolveOAuthUser({
  ctx,
  input,
  allowSignup,
}: {
  ctx: Ctx;
  input: { provider: OAuthProvider; providerAccountId: string; email: string; name?: string | null; image?: string | null };
  allowSignup: boolean;
}): Promise<{ id: string; email: string; name: string }> {
  const email = input.email.trim().toLowerCase();
  return inTransaction(ctx, async ({ db }) => {
    const [linked] = await db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(oauthAccounts)
      .innerJoin(users, eq(users.id, oauthAccounts.userId))
      .where(and(eq(oauthAccounts.provider, input.provider), eq(oauthAccounts.providerAccountId, input.providerAccountId)));
    if (linked) return linked;
    let [user] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email));
    if (!user) {
      if (!allowSignup) throw forbidden("Sign-up is closed on this instance. Ask a workspace admin for an invite link.");
      [user] = await db
        .insert(users)
        .values({ email, name: input.name?.trim() || email.split("@")[0]!, image: input.image ?? null })
        .returning({ id: users.id, email: users.email, name: users.name });
    }
    await db.insert(oauthAccounts).values({ provider: input.provider, providerAccountId: input.providerAccountId, userId: user!.id }).onConflictDoNothing();
    return user!;
  });
}
