import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { reviewLeases, reviews, type ReviewQueue } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, invalidInput } from "@/lib/errors";
import { assertMayWork, canonicalVerdict, getItemInWorkspace, reviewerId } from "./internal";
import { freeSlots } from "./lease";
import { SubmitReviewInput } from "./schemas";
import type { SubmittedReview } from "./types";

/** Rubric labels: known names, known options (400 naming the label otherwise). */
export function validateLabels(queue: Pick<ReviewQueue, "rubric">, labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, option] of Object.entries(labels)) {
    const label = queue.rubric.find((l) => l.name === name);
    if (!label) throw invalidInput(`labels.${name}: this queue's rubric has no label "${name}"${queue.rubric.length ? ` (it has ${queue.rubric.map((l) => `"${l.name}"`).join(", ")})` : ""}.`);
    if (!label.options.includes(option)) throw invalidInput(`labels.${name}: "${option}" is not an option; choose one of ${label.options.map((o) => `"${o}"`).join(", ")}.`);
    out[name] = option;
  }
  return out;
}

/**
 * Stores the signed-in reviewer's verdict on an item. Needs their live lease on it, or a free slot (then it takes
 * one). Pairwise A/B are as the reviewer saw them and are stored canonically (A = the item's generationId), with
 * generationId = the preferred output (a tie keeps the first). Ends the reviewer's lease.
 */
export async function submitReview({ ctx, input }: { ctx: WorkspaceCtx; input: SubmitReviewInput }): Promise<SubmittedReview> {
  const userId = reviewerId(ctx); // first: an API key gets the reason, not a missing-scope message
  authorize(ctx, "reviews:write");
  const data = SubmitReviewInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const { item, queue } = await getItemInWorkspace(tx.db, ctx.workspace.id, data.itemId, { lock: true });
    await assertMayWork(tx.db, queue, userId);
    const single = queue.mode === "single";
    if (single && data.verdict !== "up" && data.verdict !== "down") throw invalidInput('verdict: this queue grades one output: "up" or "down".');
    if (!single && data.verdict !== "A" && data.verdict !== "B" && data.verdict !== "tie") throw invalidInput('verdict: this queue compares two outputs: "A", "B" or "tie".');
    const labels = validateLabels(queue, data.labels);
    const comment = data.comment?.trim() || null;
    if (comment && !queue.allowComment) throw invalidInput("comment: this queue takes no comments.");

    const [mine] = await tx.db
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.itemId, item.id), eq(reviews.reviewerId, userId)));
    if (mine) throw conflict("You already reviewed this item; undo it to change your verdict.");
    const now = new Date();
    const [lease] = await tx.db
      .select({ id: reviewLeases.id })
      .from(reviewLeases)
      .where(and(eq(reviewLeases.itemId, item.id), eq(reviewLeases.userId, userId), gt(reviewLeases.expiresAt, now)));
    if (!lease && (await freeSlots(tx.db, item.id, userId, queue.reviewsPerItem, now)) <= 0) {
      throw conflict("This item already has the reviews it needs (or other reviewers hold its slots); take the next item.");
    }

    const verdict = single ? data.verdict : canonicalVerdict(item, data.verdict as "A" | "B" | "tie");
    const generationId = verdict === "B" ? item.generationBId! : item.generationId;
    const [row] = await tx.db
      .insert(reviews)
      .values({ workspaceId: ctx.workspace.id, generationId, queueId: queue.id, itemId: item.id, reviewerId: userId, verdict, labels, comment, source: "queue", createdAt: now, updatedAt: now })
      .returning();
    await tx.db.delete(reviewLeases).where(and(eq(reviewLeases.itemId, item.id), eq(reviewLeases.userId, userId)));
    await appendAudit(tx, { action: "review.submit", targetType: "review", targetId: row!.id, data: { queueId: queue.id, itemId: item.id, verdict } });
    return { id: row!.id, itemId: item.id, queueId: queue.id, verdict: data.verdict, labels, comment, createdAt: row!.createdAt.toISOString() };
  });
}
