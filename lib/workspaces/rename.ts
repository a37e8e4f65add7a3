import "server-only";
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { RenameWorkspaceInput } from "./schemas";

export async function renameWorkspace({ ctx, input }: { ctx: WorkspaceCtx; input: RenameWorkspaceInput }) {
  authorize(ctx, "workspace:update");
  const { name } = RenameWorkspaceInput.parse(input);
  const [ws] = await ctx.db.update(workspaces).set({ name }).where(eq(workspaces.id, ctx.workspace.id)).returning();
  return ws!;
}
