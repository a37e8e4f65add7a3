import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { generations, providerConnections, reviewItems, reviewQueues, type Generation, type QueueFilter, type ReviewQueue } from "@/db/schema";
import { inTransaction, type WorkspaceCtx } from "@/lib/context";
import { filterConditions, matchesFilter } from "./filter";
import { orderPair } from "./pure/pairing";
import { QueueFilterSchema } from "./schemas";
import { errorSummary } from "@/lib/log";

export interface EnqueueOptions {
  /** connection id -> name, when the caller has them already (saves a query). */
  connectionNames?: ReadonlyMap<string, string>;
}

/**
 * Called by the generation writer for every batch it stores (playground, API, evals, production ingestion): each open
 * queue whose filter a new generation matches takes it with the queue's sampling rate. Pairwise queues pair it with
 * the latest matching generation of the same input (prompt + variables) from another version or model.
 *
 * One round of queries per batch, whatever the number of rows and queues: the open queues, the connection names, then
 * in one savepoint the queue locks, the single items and the pairwise partners (one query each, over every queue).
 * Never throws: review sampling must not fail a run, so errors are logged; the savepoint keeps a failure from
 * spoiling the caller's transaction. Returns the number of items added. Not audited per generation: the queue's
 * filter, audited when set, is the decision.
 */
export async function enqueueGenerations(ctx: WorkspaceCtx, batch: readonly Generation[], opts: EnqueueOptions = {}): Promise<number> {
  const fresh = batch.filter((g) => g.status === "success" && !g.isDraft && g.output !== null && g.workspaceId === ctx.workspace.id);
  if (fresh.length === 0) return 0;
  try {
    const open = await ctx.db
      .select()
      .from(reviewQueues)
      .where(and(eq(reviewQueues.workspaceId, ctx.workspace.id), isNotNull(reviewQueues.filter), isNull(reviewQueues.archivedAt)));
    const queues = open.filter(usableFilter);
    if (queues.length === 0) return 0;
    const names = await connectionNames(ctx.db, ctx.workspace.id, fresh, opts.connectionNames);

    // Which queue samples which generation: decided in memory, one draw per (queue, generation).
    const picked = new Map<string, Generation[]>();
    for (const g of fresh) {
      for (const queue of queues) {
        if (!matchesFilter(queue.filter!, g, g.connectionId ? (names.get(g.connectionId) ?? null) : null)) continue;
        if (!(Math.random() < queue.samplingRate)) continue;
        picked.set(queue.id, [...(picked.get(queue.id) ?? []), g]);
      }
    }
    if (picked.size === 0) return 0;

    return await inTransaction(ctx, async (tx) => {
      // Locked in id order (no deadlock between two batches); the lock serialises adds to a queue (insert-items.ts).
      const locked = (await tx.db.select().from(reviewQueues).where(inArray(reviewQueues.id, [...picked.keys()])).orderBy(reviewQueues.id).for("update")).filter(
        (q) => !q.archivedAt && q.filter,
      );
      const single = locked.filter((q) => q.mode === "single");
      const pairwise = locked.filter((q) => q.mode === "pairwise");
      return (await addSingles(tx.db, single, picked)) + (await addPairs(tx.db, ctx.workspace.id, pairwise, picked));
    });
  } catch (e) {
    console.error("[promptyard] review sampling failed for generations", fresh.map((g) => g.id).slice(0, 5).join(", "), errorSummary(e));
    return 0;
  }
}

/** One generation (kept for callers and tests that hold a single row): enqueueGenerations with a batch of one. */
export async function enqueueGeneration(ctx: WorkspaceCtx, generation: Generation): Promise<number> {
  return enqueueGenerations(ctx, [generation]);
}

/** A stored filter that no longer parses (hand-edited, an older shape) is skipped and logged, not fatal to the batch. */
function usableFilter(queue: ReviewQueue): boolean {
  const parsed = QueueFilterSchema.safeParse(queue.filter);
  if (parsed.success) return true;
  console.error(`[promptyard] review sampling failed for queue ${queue.id}: its stored filter is invalid (${parsed.error.issues[0]?.message ?? "invalid"}); skipped.`);
  return false;
}

async function connectionNames(db: Db, workspaceId: string, gens: readonly Generation[], known?: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const out = new Map(known ?? []);
  const missing = [...new Set(gens.map((g) => g.connectionId).filter((id): id is string => id !== null && !out.has(id)))];
  if (missing.length === 0) return out;
  const rows = await db
    .select({ id: providerConnections.id, name: providerConnections.name })
    .from(providerConnections)
    .where(and(eq(providerConnections.workspaceId, workspaceId), inArray(providerConnections.id, missing)));
  for (const r of rows) out.set(r.id, r.name);
  return out;
}

/** Single queues: one item per generation not yet in the queue. One select and one insert for every queue. */
async function addSingles(db: Db, queues: ReviewQueue[], picked: Map<string, Generation[]>): Promise<number> {
  if (queues.length === 0) return 0;
  const ids = [...new Set(queues.flatMap((q) => picked.get(q.id)!.map((g) => g.id)))];
  const existing = await db
    .select({ queueId: reviewItems.queueId, generationId: reviewItems.generationId })
    .from(reviewItems)
    .where(and(inArray(reviewItems.queueId, queues.map((q) => q.id)), inArray(reviewItems.generationId, ids), isNull(reviewItems.generationBId)));
  const have = new Set(existing.map((e) => `${e.queueId}|${e.generationId}`));
  const rows = queues.flatMap((q) =>
    [...new Set(picked.get(q.id)!.map((g) => g.id))].filter((id) => !have.has(`${q.id}|${id}`)).map((generationId) => ({ workspaceId: q.workspaceId, queueId: q.id, generationId })),
  );
  if (rows.length === 0) return 0;
  await db.insert(reviewItems).values(rows);
  return rows.length;
}

/**
 * Pairwise queues: each new generation is paired with the latest generation of the same input (same prompt and
 * variables) from another version or model that matches the queue's filter and was not yet compared with it in
 * that queue. One query (a join per queue, united) finds every partner; one insert stores the pairs.
 */
async function addPairs(db: Db, workspaceId: string, queues: ReviewQueue[], picked: Map<string, Generation[]>): Promise<number> {
  const g = alias(generations, "g");
  const parts = queues.flatMap((q) => {
    const ids = picked
      .get(q.id)!
      .filter((x) => x.promptId)
      .map((x) => x.id);
    if (ids.length === 0) return [];
    // A join on (prompt, variables) rather than a search per row; DISTINCT ON keeps each row's latest partner.
    return [
      db
        .selectDistinctOn([g.id], { queueId: sql<string>`${q.id}::uuid`.as("queue_id"), generationId: g.id, partnerId: generations.id })
        .from(g)
        .innerJoin(
          generations,
          and(
            eq(generations.promptId, g.promptId),
            sql`md5((${generations.variables})::text) = md5((${g.variables})::text)`, // generation_same_input_idx
            sql`${generations.variables} = ${g.variables}`,
            ne(generations.id, g.id),
            or(sql`${generations.promptVersionId} is distinct from ${g.promptVersionId}`, ne(generations.model, g.model)),
          ),
        )
        .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId))
        .where(
          and(
            eq(g.workspaceId, workspaceId),
            inArray(g.id, ids),
            filterConditions(workspaceId, q.filter as QueueFilter),
            // Not already compared with this generation in this queue: pairs are stored in one order (orderPair: the
            // smaller id first, as uuid order is hex string order), so this is one probe of review_item_key.
            sql`not exists (select 1 from ${reviewItems} where ${reviewItems.queueId} = ${q.id} and ${reviewItems.generationId} = least(${generations.id}, ${g.id}) and ${reviewItems.generationBId} = greatest(${generations.id}, ${g.id}))`,
          ),
        )
        .orderBy(g.id, desc(generations.createdAt)),
    ];
  });
  if (parts.length === 0) return 0;
  const [first, second, ...rest] = parts;
  const found = second ? await unionAll(first!, second, ...rest) : await first!;
  const byQueue = new Map(queues.map((q) => [q.id, q]));
  const pairs = new Map<string, { workspaceId: string; queueId: string; generationId: string; generationBId: string; swapped: boolean }>();
  for (const f of found) {
    const [a, b] = orderPair(f.generationId, f.partnerId);
    const key = `${f.queueId}|${a}|${b}`;
    if (!pairs.has(key)) pairs.set(key, { workspaceId: byQueue.get(f.queueId)!.workspaceId, queueId: f.queueId, generationId: a, generationBId: b, swapped: Math.random() < 0.5 });
  }
  if (pairs.size === 0) return 0;
  const inserted = await db.insert(reviewItems).values([...pairs.values()]).onConflictDoNothing().returning({ id: reviewItems.id });
  return inserted.length;
}
