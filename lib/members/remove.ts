import "server-only";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, actorUserId, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { emit, flushEvents } from "@/lib/events";
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
    await emit(tx, { type: "member.removed", userId, role: member.role, self });
    return { userId };
  });
  // After commit (of the outermost transaction, not just ours): the member.removed subscriber server.ts wires
  // closes their open live-draft connections before we answer. Inside a caller's transaction this returns at
  // once and the caller's flush, or the dispatcher's poll, delivers it once that transaction commits.
  await flushEvents(ctx);
  return removed;
}

export function leaveWorkspace({ ctx }: { ctx: WorkspaceCtx }) {
  const userId = actorUserId(ctx);
  if (!userId) throw new Error("leaveWorkspace needs a signed-in user");
  return removeMember({ ctx, input: { userId } });
}
