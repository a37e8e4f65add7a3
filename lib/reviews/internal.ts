import "server-only";
import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generations, memberships, promptVersions, prompts, providerConnections, reviewItems, reviewQueueAssignees, reviewQueues, reviews, type ReviewItem, type ReviewQueue } from "@/db/schema";
import { can, type WorkspaceCtx } from "@/lib/context";
import { forbidden, invalidInput, notFound } from "@/lib/errors";
import type { ReviewerItem, ReviewerOutput, ReviewerProgress, ReviewerQueue } from "./types";

/** How long a reviewer holds an item before it returns to the pool. */
export const LEASE_MS = 10 * 60_000;
/** How far back "undo" reaches. */
export const UNDO_WINDOW_MS = 10 * 60_000;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

/** Fetch-or-404 inside the caller's workspace (another workspace's queue is "not found"). */
export async function getQueueInWorkspace(db: Db, workspaceId: string, queueId: string, opts: { lock?: boolean } = {}): Promise<ReviewQueue> {
  if (!isUuid(queueId)) throw notFound("Review queue");
  const q = db.select().from(reviewQueues).where(and(eq(reviewQueues.id, queueId), eq(reviewQueues.workspaceId, workspaceId)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw notFound("Review queue");
  return row;
}

export async function getItemInWorkspace(db: Db, workspaceId: string, itemId: string, opts: { lock?: boolean } = {}): Promise<{ item: ReviewItem; queue: ReviewQueue }> {
  if (!isUuid(itemId)) throw notFound("Review item");
  const q = db.select().from(reviewItems).where(and(eq(reviewItems.id, itemId), eq(reviewItems.workspaceId, workspaceId)));
  const [item] = opts.lock ? await q.for("update") : await q;
  if (!item) throw notFound("Review item");
  return { item, queue: await getQueueInWorkspace(db, workspaceId, item.queueId) };
}

/** Verdicts belong to a person: agreement and blind review count people, so API keys cannot take work or review. */
export function reviewerId(ctx: WorkspaceCtx): string {
  if (ctx.actor.kind === "user") return ctx.actor.userId;
  throw forbidden(
    "Reviews belong to a person, so an API key cannot take or grade review items. Call this endpoint signed in (the app's session cookie); API keys can create queues, add items and read stats.",
  );
}

export async function assigneesOf(db: Db, queueId: string): Promise<string[]> {
  const rows = await db.select({ userId: reviewQueueAssignees.userId }).from(reviewQueueAssignees).where(eq(reviewQueueAssignees.queueId, queueId));
  return rows.map((r) => r.userId);
}

/** A queue with assignees takes work from them only; none assigned = every reviewer-or-higher member. */
export async function assertMayWork(db: Db, queue: ReviewQueue, userId: string): Promise<void> {
  if (queue.archivedAt) throw forbidden("This queue is closed; an editor can reopen it.");
  const assignees = await assigneesOf(db, queue.id);
  if (assignees.length > 0 && !assignees.includes(userId)) throw forbidden("This queue is assigned to other reviewers; ask an editor to add you to it.");
}

/**
 * Results per version and model (and a queue's filter) would tell a blind queue's reviewers which output is which, so
 * in a blind queue only members who manage queues (and API keys, which never review) see them.
 */
export function mayBreakdown(ctx: WorkspaceCtx, queue: Pick<ReviewQueue, "blind">): boolean {
  return !queue.blind || ctx.actor.kind !== "user" || can(ctx, "queues:manage");
}

export function reviewerQueue(q: ReviewQueue): ReviewerQueue {
  return { id: q.id, name: q.name, instructions: q.instructions, mode: q.mode, blind: q.blind, reviewsPerItem: q.reviewsPerItem, rubric: q.rubric, allowComment: q.allowComment };
}

export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export async function progressFor(db: Db, queue: ReviewQueue, userId: string | null): Promise<ReviewerProgress> {
  const [[items], [done], mineRows] = await Promise.all([
    db.select({ n: count() }).from(reviewItems).where(eq(reviewItems.queueId, queue.id)),
    db.select({ n: count() }).from(reviews).where(eq(reviews.queueId, queue.id)),
    userId
      ? db
          .select({ all: count(), today: sql<number>`count(*) filter (where ${reviews.createdAt} >= ${startOfUtcDay().toISOString()})`.mapWith(Number) })
          .from(reviews)
          .where(and(eq(reviews.queueId, queue.id), eq(reviews.reviewerId, userId)))
      : Promise.resolve([{ all: 0, today: 0 }]),
  ]);
  const n = Number(items?.n ?? 0);
  return { items: n, total: n * queue.reviewsPerItem, done: Number(done?.n ?? 0), mine: Number(mineRows[0]?.all ?? 0), mineToday: Number(mineRows[0]?.today ?? 0) };
}

/**
 * The item as its reviewer sees it. Pairwise sides follow `swapped`. In a blind queue nothing that names the version,
 * its labels or the model leaves this function (no meta, no generation ids, no provider, no params).
 */
export async function presentReviewerItem(db: Db, item: ReviewItem, queue: ReviewQueue, leaseExpiresAt: Date): Promise<ReviewerItem> {
  const ids = [item.generationId, ...(item.generationBId ? [item.generationBId] : [])];
  const rows = await db
    .select({
      id: generations.id,
      output: generations.output,
      input: generations.input,
      variables: generations.variables,
      model: generations.model,
      connection: providerConnections.name,
      prompt: prompts.slug,
      version: promptVersions.number,
    })
    .from(generations)
    .leftJoin(prompts, eq(prompts.id, generations.promptId))
    .leftJoin(promptVersions, eq(promptVersions.id, generations.promptVersionId))
    .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId))
    .where(and(inArray(generations.id, ids), eq(generations.workspaceId, item.workspaceId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Blind pairwise: the rendered inputs of two versions differ exactly where the versions do, so showing them
  // would tell the reviewer which side is which. Send an input only when both sides share it word for word;
  // otherwise the variables (common to both) are all the context given.
  const pairInputs = item.generationBId ? [byId.get(item.generationId)?.input ?? null, byId.get(item.generationBId)?.input ?? null] : null;
  const hideInputs = queue.blind && pairInputs !== null && JSON.stringify(pairInputs[0]) !== JSON.stringify(pairInputs[1]);
  const out = (id: string, side: ReviewerOutput["side"]): ReviewerOutput => {
    const g = byId.get(id);
    return {
      side,
      text: g?.output ?? "",
      input: hideInputs ? null : (g?.input ?? null),
      ...(hideInputs ? { inputHidden: true } : {}),
      meta: queue.blind || !g ? null : { prompt: g.prompt, version: g.version, model: g.connection ? `${g.connection}/${g.model}` : g.model },
    };
  };
  const first = byId.get(item.generationId);
  const outputs =
    queue.mode === "pairwise" && item.generationBId
      ? item.swapped
        ? [out(item.generationBId, "A"), out(item.generationId, "B")]
        : [out(item.generationId, "A"), out(item.generationBId, "B")]
      : [out(item.generationId, null)];
  return { itemId: item.id, queueId: queue.id, mode: queue.mode, variables: first?.variables ?? {}, outputs, leaseExpiresAt: leaseExpiresAt.toISOString() };
}

/** "A" / "B" as the reviewer saw them -> which of the item's generations they meant (canonical A = generationId). */
export function canonicalVerdict(item: Pick<ReviewItem, "swapped">, shown: "A" | "B" | "tie"): "A" | "B" | "tie" {
  if (shown === "tie" || !item.swapped) return shown;
  return shown === "A" ? "B" : "A";
}

/** Assignees must be members who may review (reviewer or higher). */
export async function checkAssignees(db: Db, workspaceId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, unique), ne(memberships.role, "viewer")));
  if (rows.length !== unique.length) throw invalidInput("assigneeIds: every assignee must be a member of this workspace with the reviewer role or higher.");
  return unique;
}

/** 403 for a reviewer opening a queue assigned to others (the list does not show it to them). */
export async function assertMaySee(ctx: WorkspaceCtx, queue: ReviewQueue): Promise<void> {
  if (can(ctx, "queues:manage") || ctx.actor.kind !== "user") return;
  const assignees = await assigneesOf(ctx.db, queue.id);
  if (assignees.length > 0 && !assignees.includes(ctx.actor.userId)) throw forbidden("This queue is assigned to other reviewers; ask an editor to add you to it.");
}
