import "server-only";
import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { reviewItems, reviewLeases, reviewQueueAssignees, reviewQueues, reviews, users, type ReviewQueue } from "@/db/schema";
import { actorUserId, authorize, can, type WorkspaceCtx } from "@/lib/context";
import { assertMaySee, assigneesOf, getQueueInWorkspace, mayBreakdown, reviewerQueue, startOfUtcDay } from "./internal";
import type { QueueSummary, ReviewerQueue } from "./types";

/**
 * Queues with their progress. Editors and above see every queue; reviewers see the open queues they may work on
 * (no assignees, or assigned to them).
 */
export async function listQueues({ ctx, input = {} }: { ctx: WorkspaceCtx; input?: { archived?: boolean } }): Promise<QueueSummary[]> {
  authorize(ctx, "queues:read");
  const manager = can(ctx, "queues:manage");
  const me = actorUserId(ctx);
  const archived = Boolean(input.archived) && manager;
  const rows = await ctx.db
    .select()
    .from(reviewQueues)
    .where(and(eq(reviewQueues.workspaceId, ctx.workspace.id), archived ? isNotNull(reviewQueues.archivedAt) : isNull(reviewQueues.archivedAt)))
    .orderBy(desc(reviewQueues.createdAt));
  if (rows.length === 0) return [];
  const assigned = await ctx.db
    .select({ queueId: reviewQueueAssignees.queueId, userId: users.id, name: users.name })
    .from(reviewQueueAssignees)
    .innerJoin(users, eq(users.id, reviewQueueAssignees.userId))
    .where(inArray(reviewQueueAssignees.queueId, rows.map((q) => q.id)));
  const visible = manager ? rows : rows.filter((q) => !assigned.some((a) => a.queueId === q.id) || assigned.some((a) => a.queueId === q.id && a.userId === me));
  if (visible.length === 0) return [];
  const ids = visible.map((q) => q.id);
  const today = startOfUtcDay().toISOString();
  const now = new Date().toISOString();
  const meId = me ?? "00000000-0000-0000-0000-000000000000";
  const done = sql`(select count(*) from ${reviews} where ${reviews.itemId} = ${reviewItems.id})`;
  const [items, votes] = await Promise.all([
    ctx.db
      .select({
        queueId: reviewItems.queueId,
        n: count(),
        completed: sql<number>`count(*) filter (where ${done} >= ${reviewQueues.reviewsPerItem})`.mapWith(Number),
        available: sql<number>`count(*) filter (where not exists (select 1 from ${reviews} where ${reviews.itemId} = ${reviewItems.id} and ${reviews.reviewerId} = ${meId})
          and ${done} + (select count(*) from ${reviewLeases} where ${reviewLeases.itemId} = ${reviewItems.id} and ${reviewLeases.expiresAt} > ${now} and ${reviewLeases.userId} <> ${meId}) < ${reviewQueues.reviewsPerItem})`.mapWith(Number),
      })
      .from(reviewItems)
      .innerJoin(reviewQueues, eq(reviewQueues.id, reviewItems.queueId))
      .where(inArray(reviewItems.queueId, ids))
      .groupBy(reviewItems.queueId),
    ctx.db
      .select({
        queueId: reviews.queueId,
        n: count(),
        mine: sql<number>`count(*) filter (where ${reviews.reviewerId} = ${meId})`.mapWith(Number),
        mineToday: sql<number>`count(*) filter (where ${reviews.reviewerId} = ${meId} and ${reviews.createdAt} >= ${today})`.mapWith(Number),
      })
      .from(reviews)
      .where(inArray(reviews.queueId, ids))
      .groupBy(reviews.queueId),
  ]);
  const summaries = visible.map((q) => {
    const i = items.find((r) => r.queueId === q.id);
    const v = votes.find((r) => r.queueId === q.id);
    const n = Number(i?.n ?? 0);
    return {
      id: q.id,
      name: q.name,
      mode: q.mode,
      blind: q.blind,
      reviewsPerItem: q.reviewsPerItem,
      hasFilter: q.filter !== null,
      samplingRate: q.samplingRate,
      archived: q.archivedAt !== null,
      createdAt: q.createdAt.toISOString(),
      items: n,
      total: n * q.reviewsPerItem,
      done: Number(v?.n ?? 0),
      completedItems: i?.completed ?? 0,
      mine: v?.mine ?? 0,
      mineToday: v?.mineToday ?? 0,
      availableToMe: i?.available ?? 0,
      assignees: assigned.filter((a) => a.queueId === q.id).map((a) => ({ userId: a.userId, name: a.name })),
    };
  });
  return sortQueues(summaries);
}

/** Queues with items first (newest first within each group): an empty queue has nothing to do yet. */
export function sortQueues<T extends { items: number; createdAt: string }>(queues: T[]): T[] {
  return [...queues].sort((a, b) => Number(a.items === 0) - Number(b.items === 0) || b.createdAt.localeCompare(a.createdAt));
}

/** What the review screen may know of a queue (no filter: it would name versions and models). */
export async function getReviewerQueue({ ctx, input }: { ctx: WorkspaceCtx; input: { queueId: string } }): Promise<ReviewerQueue> {
  authorize(ctx, "queues:read");
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, input.queueId);
  await assertMaySee(ctx, queue);
  return reviewerQueue(queue);
}

/**
 * The whole queue with its assignees. Its filter names versions and models, so a blind queue's filter is withheld
 * (null) from members who review but do not manage queues.
 */
export async function getQueue({ ctx, input }: { ctx: WorkspaceCtx; input: { queueId: string } }): Promise<ReviewQueue & { assigneeIds: string[] }> {
  authorize(ctx, "queues:read");
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, input.queueId);
  await assertMaySee(ctx, queue);
  return { ...queue, filter: mayBreakdown(ctx, queue) ? queue.filter : null, assigneeIds: await assigneesOf(ctx.db, queue.id) };
}
