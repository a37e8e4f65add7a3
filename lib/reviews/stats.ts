import "server-only";
import { and, count, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generations, promptVersions, prompts, providerConnections, reviewItems, reviewLeases, reviews, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { assertMaySee, getQueueInWorkspace, mayBreakdown, startOfUtcDay } from "./internal";
import { cohenKappa, describeKappa, fleissKappa, kappaStrength, wilson } from "./pure/stats";
import type { AgreementView, QueueStats, RateRow, WinRow } from "./types";

type GenMeta = { id: string; prompt: string | null; version: number | null; isDraft: boolean; model: string };

async function generationMeta(db: Db, workspaceId: string, ids: string[]): Promise<Map<string, GenMeta>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: generations.id, prompt: prompts.slug, version: promptVersions.number, isDraft: generations.isDraft, model: generations.model, connection: providerConnections.name })
    .from(generations)
    .leftJoin(prompts, eq(prompts.id, generations.promptId))
    .leftJoin(promptVersions, eq(promptVersions.id, generations.promptVersionId))
    .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId))
    .where(and(eq(generations.workspaceId, workspaceId), inArray(generations.id, ids)));
  return new Map(rows.map((r) => [r.id, { id: r.id, prompt: r.prompt, version: r.version, isDraft: r.isDraft, model: r.connection ? `${r.connection}/${r.model}` : r.model }]));
}

const versionLabel = (g: GenMeta) => `${g.prompt ?? "(deleted prompt)"} ${g.isDraft || g.version === null ? "draft" : `v${g.version}`}`;

function rateRows(groups: Map<string, { label: string; up: number; down: number; playground: number }>): RateRow[] {
  return [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, up: g.up, down: g.down, playground: g.playground, ...wilson(g.up, g.up + g.down) }))
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
}

/**
 * Results of a queue: progress overall and per reviewer; thumbs-up rate per version and per model (queue reviews plus
 * playground thumbs on the same outputs) with 95% Wilson intervals; pairwise win rates; rubric label counts; and
 * inter-rater agreement over items with two or more reviews (Cohen's kappa for exactly two raters, Fleiss' otherwise).
 */
export async function getQueueStats({ ctx, input }: { ctx: WorkspaceCtx; input: { queueId: string } }): Promise<QueueStats> {
  authorize(ctx, "queues:read");
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, input.queueId);
  await assertMaySee(ctx, queue);
  const breakdown = mayBreakdown(ctx, queue);
  const now = new Date();
  const [items, queueReviews, [leases]] = await Promise.all([
    ctx.db.select({ id: reviewItems.id, a: reviewItems.generationId, b: reviewItems.generationBId }).from(reviewItems).where(eq(reviewItems.queueId, queue.id)),
    ctx.db
      .select({ itemId: reviews.itemId, reviewerId: reviews.reviewerId, name: users.name, verdict: reviews.verdict, labels: reviews.labels, createdAt: reviews.createdAt })
      .from(reviews)
      .leftJoin(users, eq(users.id, reviews.reviewerId))
      .where(eq(reviews.queueId, queue.id)),
    ctx.db
      .select({ n: count() })
      .from(reviewLeases)
      .innerJoin(reviewItems, eq(reviewItems.id, reviewLeases.itemId))
      .where(and(eq(reviewItems.queueId, queue.id), gt(reviewLeases.expiresAt, now))),
  ]);

  // Progress, overall and per reviewer.
  const perItem = new Map<string, { reviewerId: string; verdict: string }[]>();
  for (const r of queueReviews) {
    if (!r.itemId) continue;
    const list = perItem.get(r.itemId) ?? [];
    list.push({ reviewerId: r.reviewerId ?? "(removed)", verdict: r.verdict });
    perItem.set(r.itemId, list);
  }
  const today = startOfUtcDay(now);
  const people = new Map<string, QueueStats["reviewers"][number]>();
  const verdicts: Record<string, number> = {};
  for (const r of queueReviews) {
    verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
    const key = r.reviewerId ?? "(removed)";
    const p = people.get(key) ?? { userId: r.reviewerId, name: r.name ?? "Former member", reviews: 0, today: 0, lastAt: null };
    p.reviews++;
    if (r.createdAt >= today) p.today++;
    if (!p.lastAt || r.createdAt.toISOString() > p.lastAt) p.lastAt = r.createdAt.toISOString();
    people.set(key, p);
  }
  const completedItems = items.filter((i) => (perItem.get(i.id)?.length ?? 0) >= queue.reviewsPerItem).length;

  // Rubric label counts.
  const labels = queue.rubric.map((l) => ({
    name: l.name,
    options: l.options.map((option) => ({ option, count: queueReviews.filter((r) => r.labels[l.name] === option).length })),
  }));

  let byVersion: RateRow[] | null = null;
  let byModel: RateRow[] | null = null;
  let pairwise: WinRow[] | null = null;
  if (breakdown) {
    const genIds = [...new Set(items.flatMap((i) => (i.b ? [i.a, i.b] : [i.a])))];
    const meta = await generationMeta(ctx.db, ctx.workspace.id, genIds);
    if (queue.mode === "single") {
      // Playground thumbs on the queue's outputs count as reviews of those outputs.
      const thumbs = genIds.length
        ? await ctx.db
            .select({ generationId: reviews.generationId, verdict: reviews.verdict })
            .from(reviews)
            .where(and(inArray(reviews.generationId, genIds), isNull(reviews.itemId), eq(reviews.source, "playground"), inArray(reviews.verdict, ["up", "down"])))
        : [];
      const itemGen = new Map(items.map((i) => [i.id, i.a]));
      const votes = [
        ...queueReviews.filter((r) => r.itemId && (r.verdict === "up" || r.verdict === "down")).map((r) => ({ gen: itemGen.get(r.itemId!)!, verdict: r.verdict, playground: false })),
        ...thumbs.map((t) => ({ gen: t.generationId, verdict: t.verdict, playground: true })),
      ];
      const versions = new Map<string, { label: string; up: number; down: number; playground: number }>();
      const models = new Map<string, { label: string; up: number; down: number; playground: number }>();
      for (const v of votes) {
        const g = meta.get(v.gen);
        if (!g) continue;
        for (const [map, key, label] of [
          [versions, versionLabel(g), versionLabel(g)],
          [models, g.model, g.model],
        ] as const) {
          const row = map.get(key) ?? { label, up: 0, down: 0, playground: 0 };
          if (v.verdict === "up") row.up++;
          else row.down++;
          if (v.playground) row.playground++;
          map.set(key, row);
        }
      }
      byVersion = rateRows(versions);
      byModel = rateRows(models);
    } else {
      const arms = new Map<string, { label: string; wins: number; losses: number; ties: number }>();
      const arm = (id: string | null) => {
        const g = id ? meta.get(id) : undefined;
        return g ? `${versionLabel(g)} · ${g.model}` : "(deleted output)";
      };
      const itemById = new Map(items.map((i) => [i.id, i]));
      for (const r of queueReviews) {
        const item = r.itemId ? itemById.get(r.itemId) : undefined;
        if (!item || !["A", "B", "tie"].includes(r.verdict)) continue;
        for (const [side, id] of [
          ["A", item.a],
          ["B", item.b],
        ] as const) {
          const key = arm(id);
          const row = arms.get(key) ?? { label: key, wins: 0, losses: 0, ties: 0 };
          if (r.verdict === "tie") row.ties++;
          else if (r.verdict === side) row.wins++;
          else row.losses++;
          arms.set(key, row);
        }
      }
      pairwise = [...arms.entries()]
        .map(([key, a]) => {
          const n = a.wins + a.losses + a.ties;
          return { key, label: a.label, wins: a.wins, losses: a.losses, ties: a.ties, ...wilson(a.wins + a.ties / 2, n) };
        })
        .sort((x, y) => (y.rate ?? 0) - (x.rate ?? 0));
    }
  }

  return {
    queue: { id: queue.id, name: queue.name, mode: queue.mode, blind: queue.blind, reviewsPerItem: queue.reviewsPerItem },
    progress: { items: items.length, total: items.length * queue.reviewsPerItem, done: queueReviews.length, completedItems, activeLeases: Number(leases?.n ?? 0) },
    reviewers: [...people.values()].sort((a, b) => b.reviews - a.reviews),
    byVersion,
    byModel,
    pairwise,
    labels,
    agreement: agreementOf(perItem),
    verdicts,
  };
}

/** Agreement over items with 2+ reviews: Cohen's kappa when exactly two people rated them, Fleiss' kappa for more. */
export function agreementOf(perItem: Map<string, { reviewerId: string; verdict: string }[]>): AgreementView {
  const multi = [...perItem.values()].filter((r) => r.length >= 2);
  const raters = [...new Set(multi.flatMap((r) => r.map((x) => x.reviewerId)))].sort();
  if (multi.length === 0) {
    const empty = { kappa: null, observed: null, expected: null, items: 0 };
    return { method: null, ...empty, raters: 0, strength: null, description: describeKappa(empty) };
  }
  const method = raters.length === 2 ? "cohen" : "fleiss";
  const k =
    method === "cohen"
      ? cohenKappa(multi.map((r) => [r.find((x) => x.reviewerId === raters[0])!.verdict, r.find((x) => x.reviewerId === raters[1])!.verdict] as const))
      : fleissKappa(multi.map((r) => r.map((x) => x.verdict)));
  return { method, ...k, raters: raters.length, strength: k.kappa === null ? null : kappaStrength(k.kappa), description: describeKappa(k) };
}
