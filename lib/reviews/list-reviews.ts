import "server-only";
import { desc, eq } from "drizzle-orm";
import { reviews, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { assertMaySee, getQueueInWorkspace } from "./internal";
import type { QueueReviewRow } from "./types";

export const QUEUE_REVIEWS_LIMIT = 100;

/**
 * A queue's reviews, newest first, with their comments and rubric labels: what Results shows beside the counts.
 * Names no version or model, so it is the same for blind and open queues.
 */
export async function listQueueReviews({ ctx, input }: { ctx: WorkspaceCtx; input: { queueId: string; limit?: number } }): Promise<QueueReviewRow[]> {
  authorize(ctx, "queues:read");
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, input.queueId);
  await assertMaySee(ctx, queue);
  const limit = Math.min(Math.max(1, input.limit ?? QUEUE_REVIEWS_LIMIT), QUEUE_REVIEWS_LIMIT);
  const rows = await ctx.db
    .select({ id: reviews.id, itemId: reviews.itemId, verdict: reviews.verdict, labels: reviews.labels, comment: reviews.comment, name: users.name, createdAt: reviews.createdAt })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.queueId, queue.id))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    itemId: r.itemId,
    verdict: r.verdict,
    labels: r.labels,
    comment: r.comment?.trim() ? r.comment : null,
    reviewer: r.name ?? "Former member",
    createdAt: r.createdAt.toISOString(),
  }));
}
