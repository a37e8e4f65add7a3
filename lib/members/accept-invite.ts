import "server-only";
import { eq } from "drizzle-orm";
import { invites, users, workspaces } from "@/db/schema";
import { inTransaction, type Ctx } from "@/lib/context";
import { invalidInput, notFound } from "@/lib/errors";
import { acceptInviteForUser, findUsableInvite, hashInviteToken } from "./internal";

export type InviteStatus = "pending" | "accepted" | "expired";

/** What the invite page shows before anyone signs in. Revoked and unknown tokens are 404. */
export async function describeInvite({ ctx, token }: { ctx: Pick<Ctx, "db">; token: string }) {
  if (!token || token.length > 200) throw notFound("Invite");
  const [row] = await ctx.db
    .select({
      email: invites.email,
      role: invites.role,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
      workspaceName: workspaces.name,
      workspaceSlug: workspaces.slug,
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, hashInviteToken(token)));
  if (!row || row.revokedAt) throw notFound("Invite");
  const status: InviteStatus = row.acceptedAt ? "accepted" : row.expiresAt.getTime() <= Date.now() ? "expired" : "pending";
  return { email: row.email, role: row.role, expiresAt: row.expiresAt, workspaceName: row.workspaceName, workspaceSlug: row.workspaceSlug, status };
}

/** The signed-in user accepts an invite addressed to their email; returns the workspace joined. */
export async function acceptInvite({ ctx, input }: { ctx: Ctx; input: { token: string } }) {
  if (ctx.actor.kind !== "user") throw invalidInput("Sign in to accept an invite.");
  const userId = ctx.actor.userId;
  return inTransaction(ctx, async ({ db }) => {
    const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound("User");
    const invite = await findUsableInvite(db, input.token, user.email);
    return acceptInviteForUser(db, invite, user);
  });
}
