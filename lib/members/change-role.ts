import "server-only";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { emit, flushEvents } from "@/lib/events";
import { assertCanGrant, assertCanManage, assertNotLastOwner, getMemberOrThrow, lockOwnerCount, memberEmail } from "./internal";
import { ChangeRoleInput } from "./schemas";

export async function changeRole({ ctx, input }: { ctx: WorkspaceCtx; input: ChangeRoleInput }) {
  authorize(ctx, "members:update");
  const { userId, role } = ChangeRoleInput.parse(input);
  assertCanGrant(ctx, role, "make someone");
  const updated = await inTransaction(ctx, async (tx) => {
    const { db } = tx;
    const owners = await lockOwnerCount(db, ctx.workspace.id);
    const member = await getMemberOrThrow(db, ctx.workspace.id, userId);
    assertCanManage(ctx.role, member.role);
    if (member.role === "owner" && role !== "owner") assertNotLastOwner(owners);
    const [updated] = await db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, ctx.workspace.id), eq(memberships.userId, userId)))
      .returning();
    if (member.role !== role) {
      await appendAudit(tx, {
        action: "member.role_change",
        targetType: "member",
        targetId: userId,
        data: { email: await memberEmail(db, userId), from: member.role, to: role },
      });
      await emit(tx, { type: "member.role_changed", userId, from: member.role, to: role });
    }
    return updated!;
  });
  // After commit (of the outermost transaction): the member.role_changed subscriber server.ts wires switches the
  // member's open live-draft connections to their new rights before we answer (see remove.ts).
  await flushEvents(ctx);
  return updated;
}
