import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { invites, memberships, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, actorUserId, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, notFound } from "@/lib/errors";
import { assertCanGrant, newInviteToken } from "./internal";
import { CreateInviteInput, InviteRef } from "./schemas";

/**
 * Creates a single-use, expiring invite. The token is returned once (for the copyable link) and stored hashed.
 * Nobody can invite above their own role.
 */
export async function createInvite({ ctx, input }: { ctx: WorkspaceCtx; input: CreateInviteInput }) {
  authorize(ctx, "members:invite");
  const data = CreateInviteInput.parse(input);
  assertCanGrant(ctx, data.role, "invite someone as");
  return inTransaction(ctx, async (tx) => {
    const { db } = tx;
    const [member] = await db
      .select({ id: users.id })
      .from(users)
      .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, ctx.workspace.id)))
      .where(eq(users.email, data.email));
    if (member) throw conflict(`${data.email} is already a member of this workspace.`);
    const { token, tokenHash } = newInviteToken();
    const expiresAt = new Date(Date.now() + data.expiresInDays * 24 * 3600 * 1000);
    const [invite] = await db
      .insert(invites)
      .values({ workspaceId: ctx.workspace.id, email: data.email, role: data.role, tokenHash, expiresAt, createdBy: actorUserId(ctx) })
      .returning({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt });
    // Never the token: it is the credential.
    await appendAudit(tx, {
      action: "member.invite",
      targetType: "invite",
      targetId: invite!.id,
      data: { email: invite!.email, role: invite!.role, expiresAt: invite!.expiresAt },
    });
    return { invite: invite!, token, path: `/invite/${token}` };
  });
}

export async function revokeInvite({ ctx, input }: { ctx: WorkspaceCtx; input: { inviteId: string } }) {
  authorize(ctx, "members:invite");
  const { inviteId } = InviteRef.parse(input);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(invites)
      .set({ revokedAt: new Date() })
      .where(and(eq(invites.id, inviteId), eq(invites.workspaceId, ctx.workspace.id), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
      .returning({ id: invites.id, email: invites.email, role: invites.role });
    if (!row) throw notFound("Invite");
    await appendAudit(tx, { action: "invite.revoke", targetType: "invite", targetId: row.id, data: { email: row.email, role: row.role } });
    return { id: row.id };
  });
}
