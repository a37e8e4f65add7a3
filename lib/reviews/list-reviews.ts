import "server-only";
import { desc, eq } from "drizzle-orm";
import { reviewItems, reviews, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { assertMaySee, getQueueInWorkspace, mayBreakdown } from "./internal";
import type { QueueReviewRow } from "./types";

export const QUEUE_REVIEWS_LIMIT = 100;

/**
 * A queue's reviews, newest first, with their comments and rubric labels: what Results shows beside the counts.
 * Names no version or model. Each row links to the runs it judged (A then B for pairs) only for callers who may
 * see where outputs came from: in a blind queue that is editors and up, never the reviewers.
 */
export async function listQueueReviews({ ctx, input }: { ctx: WorkspaceCtx; input: { queueId: string; limit?: number } }): Promise<QueueReviewRow[]> {
  authorize(ctx, "queues:read");
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, input.queueId);
  await assertMaySee(ctx, queue);
  const limit = Math.min(Math.max(1, input.limit ?? QUEUE_REVIEWS_LIMIT), QUEUE_REVIEWS_LIMIT);
  const rows = await ctx.db
    .select({
      id: reviews.id,
      itemId: reviews.itemId,
      verdict: reviews.verdict,
      labels: reviews.labels,
      comment: reviews.comment,
      name: users.name,
      createdAt: reviews.createdAt,
      generationId: reviewItems.generationId,
      generationBId: reviewItems.generationBId,
    })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.reviewerId))
    .leftJoin(reviewItems, eq(reviewItems.id, reviews.itemId))
    .where(eq(reviews.queueId, queue.id))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
  const showRuns = mayBreakdown(ctx, queue);
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    verdict: r.verdict,
    labels: r.labels,
    comment: r.comment?.trim() ? r.comment : null,
    reviewer: r.name ?? "Former member",
    createdAt: r.createdAt.toISOString(),
    runIds: showRuns ? [r.generationId, r.generationBId].filter((id): id is string => Boolean(id)) : [],
  }));
}
