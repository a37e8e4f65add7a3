import "server-only";
import { and, desc, eq, gte } from "drizzle-orm";
import { reviews } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict } from "@/lib/errors";
import { assertMayWork, canonicalVerdict, getItemInWorkspace, getQueueInWorkspace, presentReviewerItem, progressFor, reviewerId, UNDO_WINDOW_MS } from "./internal";
import { holdLease } from "./lease";
import { QueueRefInput } from "./schemas";
import type { NextItemResult, SubmittedReview } from "./types";

/**
 * Takes back the caller's latest review in the queue (within 10 minutes) and leases its item to them again, so the
 * screen shows it with the previous verdict, labels and comment to correct.
 */
export async function undoLastReview({ ctx, input }: { ctx: WorkspaceCtx; input: QueueRefInput }): Promise<NextItemResult & { undone: SubmittedReview }> {
  const userId = reviewerId(ctx); // first: an API key gets the reason, not a missing-scope message
  authorize(ctx, "reviews:write");
  const data = QueueRefInput.parse(input);
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, data.queueId);
  await assertMayWork(ctx.db, queue, userId);
  const { item, expiresAt, undone } = await inTransaction(ctx, async (tx) => {
    const now = new Date();
    const [last] = await tx.db
      .select()
      .from(reviews)
      .where(and(eq(reviews.queueId, queue.id), eq(reviews.reviewerId, userId), gte(reviews.createdAt, new Date(now.getTime() - UNDO_WINDOW_MS))))
      .orderBy(desc(reviews.createdAt), desc(reviews.id))
      .limit(1);
    if (!last?.itemId) throw conflict("Nothing to undo: you have no review in this queue from the last 10 minutes.");
    const { item } = await getItemInWorkspace(tx.db, ctx.workspace.id, last.itemId, { lock: true });
    await tx.db.delete(reviews).where(eq(reviews.id, last.id));
    const expiresAt = await holdLease(tx.db, item.id, userId, now);
    await appendAudit(tx, { action: "review.undo", targetType: "review", targetId: last.id, data: { queueId: queue.id, itemId: item.id, verdict: last.verdict } });
    const shown = queue.mode === "single" ? last.verdict : canonicalVerdict(item, last.verdict as "A" | "B" | "tie");
    const undone: SubmittedReview = { id: last.id, itemId: item.id, queueId: queue.id, verdict: shown, labels: last.labels, comment: last.comment, createdAt: last.createdAt.toISOString() };
    return { item, expiresAt, undone };
  });
  const [view, progress] = await Promise.all([presentReviewerItem(ctx.db, item, queue, expiresAt), progressFor(ctx.db, queue, userId)]);
  return { item: view, progress, undone };
}
