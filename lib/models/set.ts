import "server-only";
import { and, eq } from "drizzle-orm";
import { modelPrices } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { ensurePricesSeeded } from "./internal";
import { SetModelPriceInput } from "./schemas";

/** Adds or edits a model's price. Applies to runs from now on: stored generations keep the cost they were given. */
export async function setModelPrice({ ctx, input }: { ctx: WorkspaceCtx; input: SetModelPriceInput }) {
  authorize(ctx, "providers:manage");
  const data = SetModelPriceInput.parse(input);
  await ensurePricesSeeded(ctx.db, ctx.workspace.id);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db
      .select()
      .from(modelPrices)
      .where(and(eq(modelPrices.workspaceId, ctx.workspace.id), eq(modelPrices.model, data.model)))
      .for("update");
    const values = { inputPerMillion: data.inputPerMillion, outputPerMillion: data.outputPerMillion, source: "custom", updatedAt: new Date() };
    const [row] = await tx.db
      .insert(modelPrices)
      .values({ workspaceId: ctx.workspace.id, model: data.model, ...values })
      .onConflictDoUpdate({ target: [modelPrices.workspaceId, modelPrices.model], set: values })
      .returning();
    await appendAudit(tx, {
      action: "model_price.update",
      targetType: "model_price",
      targetId: data.model,
      data: {
        model: data.model,
        before: before ? { inputPerMillion: before.inputPerMillion, outputPerMillion: before.outputPerMillion } : null,
        after: { inputPerMillion: data.inputPerMillion, outputPerMillion: data.outputPerMillion },
      },
    });
    return row!;
  });
}
