import "server-only";
import { workspaceModelSettings } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { loadModelSettings, type ModelSettings } from "./internal";
import { UpdateModelSettingsInput } from "./schemas";

export async function getModelSettings({ ctx }: { ctx: WorkspaceCtx }): Promise<ModelSettings> {
  authorize(ctx, "providers:read");
  return loadModelSettings(ctx.db, ctx.workspace.id);
}

/** Allow private network endpoints (applies at the next call: every request re-checks), and the concurrency cap. */
export async function updateModelSettings({ ctx, input }: { ctx: WorkspaceCtx; input: UpdateModelSettingsInput }): Promise<ModelSettings> {
  authorize(ctx, "providers:manage");
  const data = UpdateModelSettingsInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await loadModelSettings(tx.db, ctx.workspace.id);
    const next: ModelSettings = { ...before, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) };
    await tx.db
      .insert(workspaceModelSettings)
      .values({ workspaceId: ctx.workspace.id, ...next })
      .onConflictDoUpdate({ target: workspaceModelSettings.workspaceId, set: next });
    await appendAudit(tx, { action: "model_settings.update", targetType: "workspace", targetId: ctx.workspace.id, data: { before, after: next } });
    return next;
  });
}
