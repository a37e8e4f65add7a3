import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { modelPrices } from "@/db/schema";
import { findPrice, priceKeyCandidates, type Price } from "./cost";
import { LIST_PRICES } from "./prices";

export type ModelPriceRow = typeof modelPrices.$inferSelect;

const SHIPPED = Object.entries(LIST_PRICES);

/**
 * Copies the shipped list prices into the workspace's table, once: only models it does not have yet are inserted, so
 * edits are kept, and models added to a newer release appear. Deleting a shipped model's price resets it (delete.ts).
 */
export async function ensurePricesSeeded(db: Db, workspaceId: string): Promise<void> {
  const present = await db
    .select({ model: modelPrices.model })
    .from(modelPrices)
    .where(and(eq(modelPrices.workspaceId, workspaceId), inArray(modelPrices.model, SHIPPED.map(([m]) => m))));
  if (present.length >= SHIPPED.length) return;
  await db
    .insert(modelPrices)
    .values(SHIPPED.map(([model, p]) => ({ workspaceId, model, inputPerMillion: p.inputPerMillion, outputPerMillion: p.outputPerMillion, source: "list" })))
    .onConflictDoNothing();
}

/** The workspace's price for a model id (exact, then its family), or null when it has none. No authorization. */
export async function priceForModel(db: Db, workspaceId: string, model: string): Promise<Price | null> {
  return (await pricesForModels(db, workspaceId, [model])).get(model) ?? null;
}

/** priceForModel for many model ids in one query (batch writers): model id -> its price, absent when it has none. */
export async function pricesForModels(db: Db, workspaceId: string, models: readonly string[]): Promise<Map<string, Price>> {
  const wanted = [...new Set(models)];
  if (wanted.length === 0) return new Map();
  await ensurePricesSeeded(db, workspaceId);
  const candidates = [...new Set(wanted.flatMap(priceKeyCandidates))];
  const rows = await db
    .select()
    .from(modelPrices)
    .where(and(eq(modelPrices.workspaceId, workspaceId), inArray(modelPrices.model, candidates)));
  const table = new Map(rows.map((r) => [r.model, r]));
  const out = new Map<string, Price>();
  for (const model of wanted) {
    const p = findPrice(table, model);
    if (p) out.set(model, p);
  }
  return out;
}
