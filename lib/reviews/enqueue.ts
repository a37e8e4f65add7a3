import "server-only";
import { and, desc, eq, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { generations, providerConnections, reviewItems, reviewQueues, type Generation } from "@/db/schema";
import { inTransaction, type WorkspaceCtx } from "@/lib/context";
import { filterConditions, matchesFilter } from "./filter";
import { insertItems } from "./insert-items";
import { orderPair } from "./pure/pairing";

/**
 * Called once for every stored generation (playground, API, production ingestion): each open queue whose filter it
 * matches takes it with the queue's sampling rate. Pairwise queues pair it with the latest matching generation of the
 * same input (prompt + variables) from another version or model. Never throws: review sampling must not fail a run,
 * so errors are logged. Runs in its own savepoint, so a failure cannot spoil the caller's transaction. Returns the
 * number of items added. Not audited per generation: the queue's filter, audited when set, is the decision.
 */
export async function enqueueGeneration(ctx: WorkspaceCtx, generation: Generation): Promise<number> {
  try {
    if (generation.status !== "success" || generation.isDraft || generation.output === null || generation.workspaceId !== ctx.workspace.id) return 0;
    const queues = await ctx.db
      .select()
      .from(reviewQueues)
      .where(and(eq(reviewQueues.workspaceId, ctx.workspace.id), isNotNull(reviewQueues.filter), isNull(reviewQueues.archivedAt)));
    if (queues.length === 0) return 0;
    let connectionName: string | null = null;
    if (generation.connectionId) {
      const [c] = await ctx.db.select({ name: providerConnections.name }).from(providerConnections).where(eq(providerConnections.id, generation.connectionId));
      connectionName = c?.name ?? null;
    }
    let added = 0;
    for (const queue of queues) {
      if (!matchesFilter(queue.filter!, generation, connectionName)) continue;
      if (!(Math.random() < queue.samplingRate)) continue;
      added += await inTransaction(ctx, async (tx) => {
        const [locked] = await tx.db.select().from(reviewQueues).where(eq(reviewQueues.id, queue.id)).for("update");
        if (!locked || locked.archivedAt) return 0;
        if (locked.mode === "single") return (await insertItems(tx.db, locked, { generationIds: [generation.id] })).added;
        if (!generation.promptId) return 0;
        const [partner] = await tx.db
          .select({ id: generations.id })
          .from(generations)
          .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId))
          .where(
            and(
              filterConditions(ctx.workspace.id, locked.filter!),
              ne(generations.id, generation.id),
              eq(generations.promptId, generation.promptId),
              sql`${generations.variables} = ${JSON.stringify(generation.variables ?? {})}::jsonb`,
              or(
                generation.promptVersionId ? sql`${generations.promptVersionId} is distinct from ${generation.promptVersionId}` : isNotNull(generations.promptVersionId),
                ne(generations.model, generation.model),
              ),
              // Not already compared with this generation in this queue.
              sql`not exists (select 1 from ${reviewItems} where ${reviewItems.queueId} = ${locked.id} and (${reviewItems.generationId} = ${generations.id} or ${reviewItems.generationBId} = ${generations.id}) and (${reviewItems.generationId} = ${generation.id} or ${reviewItems.generationBId} = ${generation.id}))`,
            ),
          )
          .orderBy(desc(generations.createdAt))
          .limit(1);
        if (!partner) return 0;
        return (await insertItems(tx.db, locked, { generationIds: [], pairs: [orderPair(generation.id, partner.id)] })).added;
      });
    }
    return added;
  } catch (e) {
    console.error("[promptyard] review sampling failed for generation", generation.id, e instanceof Error ? e.message : e);
    return 0;
  }
}
