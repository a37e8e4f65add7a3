import "server-only";
import { and, asc, count, eq, gt, inArray, lt, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reviewItems, reviewLeases, reviews, type ReviewItem, type ReviewQueue } from "@/db/schema";
import { LEASE_MS } from "./internal";

/*
 * Slots: an item needs `reviewsPerItem` reviews. A slot is taken by a review, or held by another reviewer's live lease.
 * Every path that creates a lease (next item, submit without a lease, undo) holds the item row's lock while it counts
 * and inserts, so counting again under the lock (a fresh statement sees every lease committed before the lock was
 * granted) is exact: two reviewers never hold the same slot.
 */

/** Free slots of an item for `userId`; call it with the item row locked. */
export async function freeSlots(db: Db, itemId: string, userId: string, reviewsPerItem: number, now: Date): Promise<number> {
  const [[done], [held]] = await Promise.all([
    db.select({ n: count() }).from(reviews).where(eq(reviews.itemId, itemId)),
    db
      .select({ n: count() })
      .from(reviewLeases)
      .where(and(eq(reviewLeases.itemId, itemId), gt(reviewLeases.expiresAt, now), ne(reviewLeases.userId, userId))),
  ]);
  return reviewsPerItem - Number(done?.n ?? 0) - Number(held?.n ?? 0);
}

/** Creates or renews the user's lease on an item (one lease per item and user). */
export async function holdLease(db: Db, itemId: string, userId: string, now: Date): Promise<Date> {
  const expiresAt = new Date(now.getTime() + LEASE_MS);
  await db
    .insert(reviewLeases)
    .values({ itemId, userId, expiresAt, createdAt: now })
    .onConflictDoUpdate({ target: [reviewLeases.itemId, reviewLeases.userId], set: { expiresAt, createdAt: now } });
  return expiresAt;
}

const reviewedBy = (userId: string) => sql`exists (select 1 from ${reviews} where ${reviews.itemId} = ${reviewItems.id} and ${reviews.reviewerId} = ${userId})`;

/**
 * Leases the next item of `queue` for `userId`, inside the caller's transaction. Resumes the user's own live lease
 * first (a reload shows the same item); otherwise takes the oldest item that still needs reviews, that the user has
 * not reviewed and did not skip, locking it with FOR UPDATE SKIP LOCKED (concurrent callers move on to other items)
 * and re-counting its slots under the lock.
 */
export async function leaseNext(db: Db, queue: ReviewQueue, userId: string, exclude: string[], now = new Date()): Promise<{ item: ReviewItem; expiresAt: Date } | null> {
  if (exclude.length) {
    const skipped = db.select({ id: reviewItems.id }).from(reviewItems).where(and(eq(reviewItems.queueId, queue.id), inArray(reviewItems.id, exclude)));
    await db.delete(reviewLeases).where(and(eq(reviewLeases.userId, userId), inArray(reviewLeases.itemId, skipped)));
  }
  // Leases that ran out long ago are clutter; live counts ignore them anyway.
  await db
    .delete(reviewLeases)
    .where(and(lt(reviewLeases.expiresAt, new Date(now.getTime() - LEASE_MS)), inArray(reviewLeases.itemId, db.select({ id: reviewItems.id }).from(reviewItems).where(eq(reviewItems.queueId, queue.id)))));

  const [resume] = await db
    .select({ item: reviewItems })
    .from(reviewLeases)
    .innerJoin(reviewItems, eq(reviewItems.id, reviewLeases.itemId))
    .where(
      and(
        eq(reviewItems.queueId, queue.id),
        eq(reviewLeases.userId, userId),
        gt(reviewLeases.expiresAt, now),
        sql`not ${reviewedBy(userId)}`,
        exclude.length ? notInArray(reviewItems.id, exclude) : undefined,
      ),
    )
    .orderBy(asc(reviewLeases.createdAt))
    .limit(1);
  if (resume) return { item: resume.item, expiresAt: await holdLease(db, resume.item.id, userId, now) };

  const taken = sql<number>`(select count(*) from ${reviews} where ${reviews.itemId} = ${reviewItems.id}) + (select count(*) from ${reviewLeases} where ${reviewLeases.itemId} = ${reviewItems.id} and ${reviewLeases.expiresAt} > ${now.toISOString()} and ${reviewLeases.userId} <> ${userId})`;
  const rejected: string[] = [];
  for (let attempt = 0; attempt < 25; attempt++) {
    const skip = [...exclude, ...rejected];
    const [candidate] = await db
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.queueId, queue.id), sql`not ${reviewedBy(userId)}`, sql`${taken} < ${queue.reviewsPerItem}`, skip.length ? notInArray(reviewItems.id, skip) : undefined))
      .orderBy(asc(reviewItems.createdAt), asc(reviewItems.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!candidate) return null;
    if ((await freeSlots(db, candidate.id, userId, queue.reviewsPerItem, now)) > 0) {
      return { item: candidate, expiresAt: await holdLease(db, candidate.id, userId, now) };
    }
    rejected.push(candidate.id);
  }
  return null;
}
