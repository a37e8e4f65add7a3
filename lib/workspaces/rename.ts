import "server-only";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { RenameWorkspaceInput } from "./schemas";

export async function renameWorkspace({ ctx, input }: { ctx: WorkspaceCtx; input: RenameWorkspaceInput }) {
  authorize(ctx, "workspace:update");
  const { name } = RenameWorkspaceInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.workspace.id)).for("update");
    const [ws] = await tx.db.update(workspaces).set({ name }).where(eq(workspaces.id, ctx.workspace.id)).returning();
    if (before && before.name !== name) {
      await appendAudit(tx, { action: "workspace.rename", targetType: "workspace", targetId: ctx.workspace.id, data: { from: before.name, to: name } });
    }
    return ws!;
  });
}
