import "server-only";
import { asc, eq } from "drizzle-orm";
import { modelPrices } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { ensurePricesSeeded } from "./internal";
import { LIST_PRICES, PRICES_TAKEN_ON } from "./prices";

export interface ModelPriceView {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  /** "list": the shipped list price (as of PRICES_TAKEN_ON); "custom": edited or added by the workspace. */
  source: string;
  /** For shipped models: the list price, so the UI can show an edited price beside it. */
  listPrice: { inputPerMillion: number; outputPerMillion: number; takenOn: string } | null;
  updatedAt: Date;
}

/** The workspace's model catalog and prices (seeded from the shipped list on first read). Anyone who sees costs may read it. */
export async function listModelPrices({ ctx }: { ctx: WorkspaceCtx }): Promise<ModelPriceView[]> {
  authorize(ctx, "runs:read");
  await ensurePricesSeeded(ctx.db, ctx.workspace.id);
  const rows = await ctx.db.select().from(modelPrices).where(eq(modelPrices.workspaceId, ctx.workspace.id)).orderBy(asc(modelPrices.model));
  return rows.map((r) => {
    const list = LIST_PRICES[r.model];
    return {
      model: r.model,
      inputPerMillion: r.inputPerMillion,
      outputPerMillion: r.outputPerMillion,
      source: r.source,
      listPrice: list ? { inputPerMillion: list.inputPerMillion, outputPerMillion: list.outputPerMillion, takenOn: PRICES_TAKEN_ON } : null,
      updatedAt: r.updatedAt,
    };
  });
}
