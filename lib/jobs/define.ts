/**
 * Job kinds: what a kind is called, what payload it takes (zod), how many run at once per runner, how it
 * retries. Declared once, next to the domain that owns the work (evals, rollups, webhooks), and registered on
 * the runner in server.ts.
 */
import type { z } from "zod";
import type { Db } from "@/db/client";

export const JOB_KIND_RE = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;

export interface BackoffOptions {
  /** Delay before the first retry (default 1 s); doubles after each failure. */
  baseMs: number;
  /** Upper bound (default 10 min). */
  maxMs: number;
  /** 0..1: each delay is shortened by up to this fraction at random, so retries of many jobs spread (default 0.2). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 10 * 60_000, jitter: 0.2 };

/** The delay before retrying after failed attempt number `attempt` (1-based): base * 2^(attempt-1), capped, minus jitter. */
export function backoffDelay(attempt: number, opts: Partial<BackoffOptions> = {}, random: () => number = Math.random): number {
  const { baseMs, maxMs, jitter } = { ...DEFAULT_BACKOFF, ...opts };
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(0, Math.round(exp * (1 - jitter * random())));
}

export interface JobInfo {
  id: string;
  kind: string;
  workspaceId: string | null;
  /** 1 on the first run, 2 on the first retry... */
  attempt: number;
  maxAttempts: number;
}

export interface JobContext {
  job: JobInfo;
  /** The runner's database (not a transaction: open one with db.transaction for atomic work). */
  db: Db;
  /** Aborted on cancel, timeout, lost lease or shutdown: stop work and return (or throw) promptly. */
  signal: AbortSignal;
  /** Renews the lease now; the runner also renews it every leaseMs/3 while the handler runs. */
  heartbeat(): Promise<void>;
}

/** How a kind runs, whatever its payload. */
export interface JobOptions {
  /** Jobs of this kind running at once per runner (default 1). */
  concurrency?: number;
  /** Default max attempts for jobs of this kind enqueued through this definition (default 5). */
  maxAttempts?: number;
  backoff?: Partial<BackoffOptions>;
  /** Lease per claim, renewed by heartbeats (default 60 s). A dead worker's job is re-queued once it expires. */
  leaseMs?: number;
  /** Abort an attempt after this long (counts as a failure; retried with backoff). */
  timeoutMs?: number;
  /** Recurring: the runner keeps one job of this kind scheduled, `everyMs` after the previous one finished (payload `{}`). */
  everyMs?: number;
}

export interface JobDefinition<P = unknown, R = unknown> extends JobOptions {
  kind: string;
  payload: z.ZodType<P>;
  /** Returns a small JSON result kept on the job (`result`), or throws to fail this attempt. */
  handler: (payload: P, ctx: JobContext) => Promise<R>;
}

/** Any kind, payload type erased: what runners register (the runner validates the payload before the handler). */
export interface AnyJobDefinition extends JobOptions {
  kind: string;
  payload: z.ZodType<unknown>;
  handler: (payload: never, ctx: JobContext) => Promise<unknown>;
}

export function defineJob<P, R>(def: JobDefinition<P, R>): JobDefinition<P, R> {
  if (!JOB_KIND_RE.test(def.kind) || def.kind.length > 100) throw new Error(`Job kind "${def.kind}" must look like "domain.action".`);
  if (def.concurrency !== undefined && (!Number.isInteger(def.concurrency) || def.concurrency < 1)) throw new Error(`${def.kind}: concurrency must be a positive integer.`);
  return def;
}

/** Throw it from a handler when retrying cannot help (bad input, missing row): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, opts);
    this.name = "PermanentJobError";
  }
}

export function isPermanent(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "PermanentJobError";
}
