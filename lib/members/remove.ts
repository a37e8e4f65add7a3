import "server-only";
import { invalidateMembership } from "@/lib/realtime/registry";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, actorUserId, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { assertCanManage, assertNotLastOwner, getMemberOrThrow, lockOwnerCount, memberEmail } from "./internal";
import { MemberRef } from "./schemas";

/** Removes a member (admin+), or lets anyone leave; the last owner can do neither. */
export async function removeMember({ ctx, input }: { ctx: WorkspaceCtx; input: { userId: string } }) {
  const { userId } = MemberRef.parse(input);
  const self = actorUserId(ctx) === userId;
  if (!self) authorize(ctx, "members:remove");
  const removed = await inTransaction(ctx, async (tx) => {
    const { db } = tx;
    const owners = await lockOwnerCount(db, ctx.workspace.id);
    const member = await getMemberOrThrow(db, ctx.workspace.id, userId);
    if (!self) assertCanManage(ctx.role, member.role);
    if (member.role === "owner") assertNotLastOwner(owners);
    await db.delete(memberships).where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, userId)));
    await appendAudit(tx, {
      action: self ? "member.leave" : "member.remove",
      targetType: "member",
      targetId: userId,
      data: { email: await memberEmail(db, userId), role: member.role },
    });
    return { userId };
  });
  // After commit: their open live-draft connections are closed at once.
  await invalidateMembership(ctx.workspace.id, userId);
  return removed;
}

export function leaveWorkspace({ ctx }: { ctx: WorkspaceCtx }) {
  const userId = actorUserId(ctx);
  if (!userId) throw new Error("leaveWorkspace needs a signed-in user");
  return removeMember({ ctx, input: { userId } });
}
