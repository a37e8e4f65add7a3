import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generations, reviewItems, type ReviewQueue } from "@/db/schema";
import { armKey, orderPair, pairGenerations, sameInputKey, type PairCandidate } from "./pure/pairing";

export interface AddItemsResult {
  added: number;
  skipped: { generationId: string; reason: string }[];
}

type Gen = PairCandidate & { status: string; output: string | null };

async function loadGenerations(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, Gen>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: generations.id,
      promptId: generations.promptId,
      promptVersionId: generations.promptVersionId,
      model: generations.model,
      variables: generations.variables,
      createdAt: generations.createdAt,
      status: generations.status,
      output: generations.output,
    })
    .from(generations)
    .where(and(eq(generations.workspaceId, workspaceId), inArray(generations.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Adds generations to a queue, inside the caller's transaction, with the queue row locked (so two concurrent adds
 * cannot both insert the same generation: single items have a null second side, which a unique index does not
 * compare). Single: one item per generation. Pairwise: `pairs` as given (same input, different version or model) and
 * `generationIds` paired by pairGenerations. Sides are randomised per item (`swapped`).
 */
export async function insertItems(db: Db, queue: ReviewQueue, input: { generationIds: string[]; pairs?: [string, string][] }): Promise<AddItemsResult> {
  const skipped: AddItemsResult["skipped"] = [];
  const pairsIn = input.pairs ?? [];
  const ids = [...new Set([...input.generationIds, ...pairsIn.flat()])];
  const gens = await loadGenerations(db, queue.workspaceId, ids);
  const usable = (id: string): boolean => {
    const g = gens.get(id);
    if (!g) skipped.push({ generationId: id, reason: "No such generation in this workspace." });
    else if (g.status !== "success" || g.output === null) skipped.push({ generationId: id, reason: "A failed run has no output to review." });
    else return true;
    return false;
  };

  if (queue.mode === "single") {
    if (pairsIn.length) skipped.push(...pairsIn.flat().map((id) => ({ generationId: id, reason: "pairs are for pairwise queues; send generationIds." })));
    const wanted = [...new Set(input.generationIds)].filter(usable);
    if (wanted.length === 0) return { added: 0, skipped };
    const existing = await db
      .select({ id: reviewItems.generationId })
      .from(reviewItems)
      .where(and(eq(reviewItems.queueId, queue.id), inArray(reviewItems.generationId, wanted), isNull(reviewItems.generationBId)));
    const have = new Set(existing.map((e) => e.id));
    const fresh = wanted.filter((id) => {
      if (have.has(id)) skipped.push({ generationId: id, reason: "Already in this queue." });
      return !have.has(id);
    });
    if (fresh.length) {
      await db.insert(reviewItems).values(fresh.map((generationId) => ({ workspaceId: queue.workspaceId, queueId: queue.id, generationId })));
    }
    return { added: fresh.length, skipped };
  }

  const pairs: [string, string][] = [];
  for (const [a, b] of pairsIn) {
    if (!usable(a) || !usable(b)) continue;
    const ga = gens.get(a)!;
    const gb = gens.get(b)!;
    if (a === b || sameInputKey(ga) === null || sameInputKey(ga) !== sameInputKey(gb)) {
      skipped.push({ generationId: b, reason: `Pair (${a}, ${b}) does not share one input: same prompt and same variables are needed.` });
    } else if (armKey(ga) === armKey(gb)) {
      skipped.push({ generationId: b, reason: `Pair (${a}, ${b}) compares the same version on the same model.` });
    } else pairs.push(orderPair(a, b));
  }
  const loose = [...new Set(input.generationIds)].filter(usable).map((id) => gens.get(id)!);
  const paired = pairGenerations(loose);
  pairs.push(...paired.pairs);
  skipped.push(...paired.unpaired.map((u) => ({ generationId: u.id, reason: u.reason })));
  const unique = [...new Map(pairs.map((p) => [p.join("|"), p])).values()];
  if (unique.length === 0) return { added: 0, skipped };
  const inserted = await db
    .insert(reviewItems)
    .values(unique.map(([a, b]) => ({ workspaceId: queue.workspaceId, queueId: queue.id, generationId: a, generationBId: b, swapped: Math.random() < 0.5 })))
    .onConflictDoNothing()
    .returning({ id: reviewItems.id, a: reviewItems.generationId, b: reviewItems.generationBId });
  const got = new Set(inserted.map((r) => `${r.a}|${r.b}`));
  for (const [a, b] of unique) if (!got.has(`${a}|${b}`)) skipped.push({ generationId: b, reason: `Pair (${a}, ${b}) is already in this queue.` });
  return { added: inserted.length, skipped };
}
