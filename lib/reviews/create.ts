import "server-only";
import { reviewQueueAssignees, reviewQueues, type ReviewQueue } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { actorUserId, authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { invalidInput } from "@/lib/errors";
import { checkAssignees } from "./internal";
import { matchingGenerations, normaliseFilter } from "./filter";
import { insertItems, type AddItemsResult } from "./insert-items";
import { pairGenerations } from "./pure/pairing";
import { CreateQueueInput } from "./schemas";

/**
 * Creates a review queue (editor+): its rubric, reviewers, and a source: hand-picked generations and/or a filter
 * that keeps sampling new generations (enqueueGeneration), optionally backfilled from existing ones.
 */
export async function createQueue({ ctx, input }: { ctx: WorkspaceCtx; input: CreateQueueInput }): Promise<{ queue: ReviewQueue } & AddItemsResult> {
  authorize(ctx, "queues:manage");
  const data = CreateQueueInput.parse(input);
  if (data.filter === null && data.backfill) throw invalidInput("backfill needs a filter.");
  return inTransaction(ctx, async (tx) => {
    const assignees = await checkAssignees(tx.db, ctx.workspace.id, data.assigneeIds);
    const filter = data.filter ? await normaliseFilter(tx.db, ctx.workspace.id, data.filter) : null;
    const [queue] = await tx.db
      .insert(reviewQueues)
      .values({
        workspaceId: ctx.workspace.id,
        name: data.name,
        instructions: data.instructions,
        mode: data.mode,
        blind: data.blind,
        reviewsPerItem: data.reviewsPerItem,
        rubric: data.rubric,
        allowComment: data.allowComment,
        filter,
        samplingRate: data.samplingRate,
        createdBy: actorUserId(ctx),
      })
      .returning();
    if (assignees.length) await tx.db.insert(reviewQueueAssignees).values(assignees.map((userId) => ({ queueId: queue!.id, userId })));

    const result = await insertItems(tx.db, queue!, { generationIds: data.generationIds });
    if (filter && data.backfill) {
      const matches = await matchingGenerations(tx.db, ctx.workspace.id, filter, data.backfillLimit);
      const sampled = matches.filter(() => Math.random() < data.samplingRate);
      const more = await insertItems(tx.db, queue!, queue!.mode === "pairwise" ? { generationIds: [], pairs: pairGenerations(sampled).pairs } : { generationIds: sampled.map((g) => g.id) });
      result.added += more.added;
    }
    await appendAudit(tx, {
      action: "review_queue.create",
      targetType: "review_queue",
      targetId: queue!.id,
      data: {
        name: queue!.name,
        mode: queue!.mode,
        blind: queue!.blind,
        reviewsPerItem: queue!.reviewsPerItem,
        rubric: queue!.rubric.map((l) => l.name),
        assignees: assignees.length,
        filter,
        samplingRate: queue!.samplingRate,
        items: result.added,
      },
    });
    return { queue: queue!, ...result };
  });
}
