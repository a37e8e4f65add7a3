import "server-only";
import { users, type User } from "@/db/schema";
import { conflict, forbidden, isUniqueViolation } from "@/lib/errors";
import { inTransaction, type Ctx } from "@/lib/context";
import { acceptInviteForUser, findUsableInvite } from "@/lib/members";
import { hashPassword } from "./password";
import { SignUpInput } from "./schemas";

export interface SignUpResult {
  user: Pick<User, "id" | "email" | "name">;
  /** Set when the sign-up came through an invite link: the workspace joined. */
  joinedWorkspaceSlug?: string;
}

/**
 * Creates an email + password account. When sign-up is closed, only a valid invite for that email opens it.
 * An invite token, when given, is accepted in the same transaction.
 */
export async function signUp({ ctx, input, allowSignup }: { ctx: Ctx; input: SignUpInput; allowSignup: boolean }): Promise<SignUpResult> {
  const data = SignUpInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  return inTransaction(ctx, async (ctx) => {
    const invite = data.inviteToken ? await findUsableInvite(ctx.db, data.inviteToken, data.email) : undefined;
    if (!allowSignup && !invite) {
      throw forbidden("Sign-up is closed on this instance. Ask a workspace admin for an invite link.");
    }
    let user: User;
    try {
      [user] = (await ctx.db.insert(users).values({ email: data.email, name: data.name, passwordHash }).returning()) as [User];
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict("An account with this email already exists. Sign in instead.");
      throw e;
    }
    let joinedWorkspaceSlug: string | undefined;
    if (invite) joinedWorkspaceSlug = (await acceptInviteForUser(ctx.db, invite, user)).slug;
    return { user: { id: user.id, email: user.email, name: user.name }, joinedWorkspaceSlug };
  });
}
