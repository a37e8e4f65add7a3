import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { asc, eq } from "drizzle-orm";
import { generations, promptVersions, prompts, providerConnections, reviewItems, reviews, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { forbidden } from "@/lib/errors";
import { assertMaySee, getQueueInWorkspace, mayBreakdown } from "./internal";

/** One CSV field (RFC 4180), with text a spreadsheet would run as a formula defused by a leading apostrophe. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Every review of the queue as CSV, oldest first: who, when, the verdict (pairwise canonical: A = generation_id,
 * B = generation_b_id), rubric labels (a column each), comment, and the version and model of each output. A blind
 * queue's export names versions and models, so it is for members who manage queues.
 */
export async function exportQueueCsv({ ctx, input }: { ctx: WorkspaceCtx; input: { queueId: string } }): Promise<{ filename: string; csv: string }> {
  authorize(ctx, "queues:read");
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, input.queueId);
  await assertMaySee(ctx, queue);
  if (!mayBreakdown(ctx, queue)) throw forbidden("This queue is blind: its export names versions and models, so it is for editors and above.");
  const genB = alias(generations, "generation_b");
  const verB = alias(promptVersions, "version_b");
  const connA = alias(providerConnections, "connection_a");
  const connB = alias(providerConnections, "connection_b");
  const rows = await ctx.db
    .select({
      id: reviews.id,
      createdAt: reviews.createdAt,
      reviewer: users.email,
      reviewerName: users.name,
      itemId: reviews.itemId,
      verdict: reviews.verdict,
      preferred: reviews.generationId,
      labels: reviews.labels,
      comment: reviews.comment,
      genA: reviewItems.generationId,
      genB: reviewItems.generationBId,
      prompt: prompts.slug,
      versionA: promptVersions.number,
      modelA: generations.model,
      connA: connA.name,
      versionB: verB.number,
      modelB: genB.model,
      connB: connB.name,
    })
    .from(reviews)
    .innerJoin(reviewItems, eq(reviewItems.id, reviews.itemId))
    .innerJoin(generations, eq(generations.id, reviewItems.generationId))
    .leftJoin(prompts, eq(prompts.id, generations.promptId))
    .leftJoin(promptVersions, eq(promptVersions.id, generations.promptVersionId))
    .leftJoin(connA, eq(connA.id, generations.connectionId))
    .leftJoin(genB, eq(genB.id, reviewItems.generationBId))
    .leftJoin(verB, eq(verB.id, genB.promptVersionId))
    .leftJoin(connB, eq(connB.id, genB.connectionId))
    .leftJoin(users, eq(users.id, reviews.reviewerId))
    .where(eq(reviews.queueId, queue.id))
    .orderBy(asc(reviews.createdAt), asc(reviews.id));

  const pairwise = queue.mode === "pairwise";
  const labelNames = queue.rubric.map((l) => l.name);
  const header = [
    "review_id",
    "created_at",
    "reviewer_email",
    "reviewer_name",
    "item_id",
    "verdict",
    "preferred_generation_id",
    "generation_id",
    "prompt",
    "version",
    "model",
    ...(pairwise ? ["generation_b_id", "version_b", "model_b"] : []),
    ...labelNames.map((n) => `label:${n}`),
    "comment",
  ];
  const model = (conn: string | null, m: string | null) => (m === null ? null : conn ? `${conn}/${m}` : m);
  const lines = [header.map(csvField).join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.id,
        r.createdAt.toISOString(),
        r.reviewer,
        r.reviewerName,
        r.itemId,
        r.verdict,
        pairwise && r.verdict === "tie" ? null : r.preferred,
        r.genA,
        r.prompt,
        r.versionA,
        model(r.connA, r.modelA),
        ...(pairwise ? [r.genB, r.versionB, model(r.connB, r.modelB)] : []),
        ...labelNames.map((n) => r.labels[n] ?? null),
        r.comment,
      ]
        .map(csvField)
        .join(","),
    );
  }
  const slug = queue.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "queue";
  return { filename: `reviews-${slug}-${new Date().toISOString().slice(0, 10)}.csv`, csv: lines.join("\r\n") + "\r\n" };
}
