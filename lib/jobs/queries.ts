/**
 * The runner's SQL. Every write to a running job is fenced by (id, locked_by, attempts, status = running): a
 * worker whose lease expired (and whose job was re-queued and perhaps re-claimed), or whose job was cancelled,
 * changes nothing.
 */
import { and, asc, desc, eq, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs, type Job } from "@/db/schema";

export interface Fence {
  id: string;
  workerId: string;
  attempt: number;
}

function fenced(f: Fence) {
  return and(eq(jobs.id, f.id), eq(jobs.lockedBy, f.workerId), eq(jobs.attempts, f.attempt), eq(jobs.status, "running"));
}

/** Claims up to `limit` due jobs of `kind`: SKIP LOCKED, so concurrent claimers never get the same row. */
export async function claimJobs(db: Db, kind: string, limit: number, workerId: string, now: Date, leaseMs: number): Promise<Job[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, "queued"), lte(jobs.runAt, now)))
    .orderBy(desc(jobs.priority), asc(jobs.runAt), asc(jobs.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: "running",
      lockedBy: workerId,
      lockedUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: sql`coalesce(${jobs.startedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    // `= any(array(...))`, not `in (...)`: Postgres may re-run an IN subquery per row, and with SKIP LOCKED each
    // run can return other rows, so `in` claimed more than `limit` (all 10 of 10 with limit 4 here). ARRAY()
    // is evaluated once.
    .where(and(sql`${jobs.id} = any(array(${due}))`, eq(jobs.status, "queued")))
    .returning();
}

/**
 * Stale-lock recovery: running jobs whose lease expired (their worker died or hung without heartbeats) go back
 * to the queue, or fail when they have used all their attempts. Returns what it recovered.
 */
export async function reapExpired(db: Db, now: Date): Promise<Pick<Job, "id" | "kind" | "status">[]> {
  return db
    .update(jobs)
    .set({
      status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end`,
      lastError: sql`'The worker ' || coalesce(${jobs.lockedBy}, '?') || ' stopped renewing its lease (it died or hung); ' || case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'no attempts left.' else 'retrying.' end`,
      finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then ${now.toISOString()}::timestamptz else null end`,
      lockedBy: null,
      lockedUntil: null,
      runAt: now,
      updatedAt: now,
    })
    .where(and(eq(jobs.status, "running"), lt(jobs.lockedUntil, now)))
    .returning({ id: jobs.id, kind: jobs.kind, status: jobs.status });
}

/** Extends the lease; false when the job is no longer ours (cancelled, or reaped after a missed lease). */
export async function renewLease(db: Db, f: Fence, now: Date, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
    .where(fenced(f))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

export async function markSucceeded(db: Db, f: Fence, now: Date, result: unknown): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "succeeded", result: result ?? null, lastError: null, lockedBy: null, lockedUntil: null, finishedAt: now, updatedAt: now })
    .where(fenced(f))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** A failed attempt: back to the queue at `retryAt`, or failed for good when `retryAt` is null. */
export async function markFailed(db: Db, f: Fence, now: Date, error: string, retryAt: Date | null): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set(
      retryAt
        ? { status: "queued", runAt: retryAt, lastError: error, lockedBy: null, lockedUntil: null, updatedAt: now }
        : { status: "failed", lastError: error, lockedBy: null, lockedUntil: null, finishedAt: now, updatedAt: now },
    )
    .where(fenced(f))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Shutdown: a job interrupted by stop() goes back to the queue without using up an attempt. */
export async function releaseJob(db: Db, f: Fence, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "queued", runAt: now, attempts: sql`${jobs.attempts} - 1`, lockedBy: null, lockedUntil: null, updatedAt: now })
    .where(fenced(f))
    .returning({ id: jobs.id });
  return rows.length === 1;
}
