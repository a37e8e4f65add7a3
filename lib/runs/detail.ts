import "server-only";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { reviewItems, reviewQueues, reviews, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { forbidden } from "@/lib/errors";
import { mayBreakdown } from "@/lib/reviews";
import { getRun, type RunRow } from "./list";

/** One verdict on a run, from the playground or a review queue, as the run detail page shows it. */
export interface RunFeedback {
  id: string;
  source: "playground" | "queue";
  /** up/down for single outputs; for a pairwise comparison, how this run fared: won, lost or tie. */
  outcome: "up" | "down" | "won" | "lost" | "tie";
  reviewer: string | null;
  queue: { id: string; name: string } | null;
  labels: Record<string, string>;
  comment: string | null;
  at: Date;
}

export type RunDetail = RunRow & { myVerdict: string | null; feedback: RunFeedback[] };

/**
 * A run with everything it got back: playground thumbs and queue reviews (single and pairwise).
 * A run that sits in a blind queue is only for members who may see that queue's breakdown: its page names the
 * version and model, which is exactly what a blind queue hides from its reviewers.
 */
export async function getRunDetail({ ctx, input }: { ctx: WorkspaceCtx; input: { id: string } }): Promise<RunDetail> {
  authorize(ctx, "runs:read");
  const run = await getRun({ ctx, input });
  const queues = await ctx.db
    .selectDistinct({ id: reviewQueues.id, name: reviewQueues.name, blind: reviewQueues.blind })
    .from(reviewItems)
    .innerJoin(reviewQueues, eq(reviewQueues.id, reviewItems.queueId))
    .where(and(eq(reviewItems.workspaceId, ctx.workspace.id), or(eq(reviewItems.generationId, run.id), eq(reviewItems.generationBId, run.id))));
  const hidden = queues.find((q) => !mayBreakdown(ctx, q));
  if (hidden) throw forbidden(`This run is under blind review in "${hidden.name}": its details (version, model) are for editors and above.`);

  const itemIds = queues.length
    ? (
        await ctx.db
          .select({ id: reviewItems.id })
          .from(reviewItems)
          .where(and(inArray(reviewItems.queueId, queues.map((q) => q.id)), or(eq(reviewItems.generationId, run.id), eq(reviewItems.generationBId, run.id))))
      ).map((r) => r.id)
    : [];
  const rows = await ctx.db
    .select({ review: reviews, reviewer: users.name, item: reviewItems })
    .from(reviews)
    .leftJoin(users, eq(users.id, reviews.reviewerId))
    .leftJoin(reviewItems, eq(reviewItems.id, reviews.itemId))
    .where(and(eq(reviews.workspaceId, ctx.workspace.id), itemIds.length ? or(eq(reviews.generationId, run.id), inArray(reviews.itemId, itemIds)) : eq(reviews.generationId, run.id)))
    .orderBy(asc(reviews.createdAt));
  const queueName = new Map(queues.map((q) => [q.id, q.name]));
  const feedback = rows.map(({ review: r, reviewer, item }): RunFeedback => {
    let outcome: RunFeedback["outcome"] = r.verdict === "down" ? "down" : "up";
    if (item?.generationBId) {
      // Pairwise verdicts are stored canonically: the review's generation is the winner, unless it is a tie.
      outcome = r.verdict === "tie" ? "tie" : r.generationId === run.id ? "won" : "lost";
    }
    return {
      id: r.id,
      source: r.itemId ? "queue" : "playground",
      outcome,
      reviewer,
      queue: r.queueId ? { id: r.queueId, name: queueName.get(r.queueId) ?? "Review queue" } : null,
      labels: r.labels,
      comment: r.comment,
      at: r.createdAt,
    };
  });
  return { ...run, feedback };
}
