import "server-only";
import { and, eq } from "drizzle-orm";
import { modelPrices } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { LIST_PRICES } from "./prices";
import { DeleteModelPriceInput } from "./schemas";

/** Removes a custom model's price (its runs then cost null); for a shipped model it restores the list price. */
export async function deleteModelPrice({ ctx, input }: { ctx: WorkspaceCtx; input: DeleteModelPriceInput }): Promise<{ model: string; reset: boolean }> {
  authorize(ctx, "providers:manage");
  const { model } = DeleteModelPriceInput.parse(input);
  const list = LIST_PRICES[model];
  return inTransaction(ctx, async (tx) => {
    const where = and(eq(modelPrices.workspaceId, ctx.workspace.id), eq(modelPrices.model, model));
    const [before] = await tx.db.select().from(modelPrices).where(where).for("update");
    if (!before && !list) throw notFound(`Price for model "${model}"`);
    if (list) {
      const values = { inputPerMillion: list.inputPerMillion, outputPerMillion: list.outputPerMillion, source: "list", updatedAt: new Date() };
      await tx.db
        .insert(modelPrices)
        .values({ workspaceId: ctx.workspace.id, model, ...values })
        .onConflictDoUpdate({ target: [modelPrices.workspaceId, modelPrices.model], set: values });
    } else {
      await tx.db.delete(modelPrices).where(where);
    }
    await appendAudit(tx, {
      action: "model_price.delete",
      targetType: "model_price",
      targetId: model,
      data: { model, before: before ? { inputPerMillion: before.inputPerMillion, outputPerMillion: before.outputPerMillion } : null, resetToListPrice: Boolean(list) },
    });
    return { model, reset: Boolean(list) };
  });
}
