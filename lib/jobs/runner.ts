/**
 * Runs background jobs from the `job` table. Each tick: recover expired leases, then for every registered kind
 * with free slots (its `concurrency`), claim that many due jobs (SKIP LOCKED) and run them. Ticks come every
 * `pollIntervalMs`, right after an enqueue in this process (wake), and when a job finishes (a slot freed).
 *
 * Several runners (instances) on one database share the work; none runs a job another holds. A worker renews
 * its lease every leaseMs/3; if it dies, the lease expires and any runner re-queues the job (stale-lock
 * recovery). Failures retry with exponential backoff until maxAttempts, then the job is `failed` with the
 * error. Times come from `now()` (injectable), so tests move a clock instead of sleeping.
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { Job } from "@/db/schema";
import { backoffDelay, isPermanent, type AnyJobDefinition, type JobContext } from "./define";
import { claimJobs, markFailed, markSucceeded, reapExpired, releaseJob, renewLease, type Fence } from "./queries";
import { scheduleRecurring } from "./recurring";
import { errorSummary } from "@/lib/log";

export interface JobLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const consoleLogger: JobLogger = {
  info: (m) => console.log(`[promptyard] ${m}`),
  warn: (m) => console.warn(`[promptyard] ${m}`),
  error: (m) => console.error(`[promptyard] ${m}`),
};

export interface JobRunnerOptions {
  db: Db;
  /** Names this runner in `locked_by` (default host:pid:random). */
  id?: string;
  /** Default 1000 ms. */
  pollIntervalMs?: number;
  now?: () => Date;
  /** For backoff jitter (tests pass () => 0). */
  random?: () => number;
  logger?: JobLogger;
}

const DEFAULT_LEASE_MS = 60_000;
const MAX_ERROR_CHARS = 2000;

/** Stored as the job's last error and logged: a failed query's parameters are withheld (lib/log). */
function describeError(e: unknown): string {
  return errorSummary(e, MAX_ERROR_CHARS, { bare: true });
}

interface Running {
  kind: string;
  fence: Fence;
  controller: AbortController;
  done: Promise<void>;
  /** Set by stop(): the outcome is not recorded, the job is released to the queue instead. */
  interrupted: boolean;
}

export class JobRunner {
  readonly id: string;
  private readonly db: Db;
  private readonly pollIntervalMs: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly logger: JobLogger;
  private readonly kinds = new Map<string, AnyJobDefinition>();
  private readonly running = new Map<string, Running>();
  private state: "idle" | "running" | "stopping" | "stopped" = "idle";
  private ticking: Promise<void> | null = null;
  private nextTick: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(opts: JobRunnerOptions) {
    this.db = opts.db;
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.logger = opts.logger ?? consoleLogger;
  }

  /** Registers a kind; this runner claims only the kinds it knows. */
  register(def: AnyJobDefinition): this {
    if (this.kinds.has(def.kind)) throw new Error(`Job kind "${def.kind}" is already registered.`);
    this.kinds.set(def.kind, def);
    return this;
  }

  get registeredKinds(): string[] {
    return [...this.kinds.keys()];
  }

  /** Jobs running in this runner now, by kind. */
  stats(): Record<string, number> {
    return Object.fromEntries([...this.kinds.keys()].map((kind) => [kind, this.inflight(kind)]));
  }

  async start(): Promise<void> {
    if (this.state !== "idle") throw new Error(`The job runner is ${this.state}.`);
    this.state = "running";
    for (const def of this.kinds.values()) {
      if (def.everyMs) await scheduleRecurring(this.db, def, this.now(), "start");
    }
    this.wake();
  }

  /**
   * Stops claiming, waits up to `graceMs` for running jobs, then aborts the rest and puts them back in the queue
   * (without using an attempt) so the next start, or another instance, runs them again.
   */
  async stop({ graceMs = 10_000 }: { graceMs?: number } = {}): Promise<void> {
    if (this.state === "stopped" || this.state === "stopping") return;
    this.state = "stopping";
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.nextTick?.catch(() => {});
    await this.ticking?.catch(() => {});
    const all = () => Promise.all([...this.running.values()].map((r) => r.done));
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<"late">((resolve) => {
      graceTimer = setTimeout(() => resolve("late"), graceMs);
    });
    const outcome = await Promise.race([all().then(() => "done" as const), grace]);
    clearTimeout(graceTimer);
    if (outcome === "late") {
      for (const r of this.running.values()) {
        r.interrupted = true;
        r.controller.abort(new Error("The job runner is shutting down."));
      }
      await all();
    }
    this.state = "stopped";
  }

  /** Claims now rather than at the next poll (after an enqueue in this process, or when a slot frees). */
  wake(): void {
    void this.poll();
  }

  /**
   * Runs one round (recover expired leases, claim for every kind with free slots) that starts after this call,
   * and resolves when the round is done (the jobs it claimed keep running). Tests drive the runner with it.
   */
  poll(): Promise<void> {
    if (this.state !== "running") return Promise.resolve();
    if (!this.ticking) return this.startTick();
    this.nextTick ??= this.ticking.then(() => {
      this.nextTick = null;
      return this.ticking ?? this.startTick();
    });
    return this.nextTick;
  }

  private startTick(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p: Promise<void> = this.tick()
      .catch((e) => this.logger.error(`job runner tick failed: ${describeError(e)}`))
      .finally(() => {
        if (this.ticking === p) this.ticking = null;
        this.schedule();
      });
    this.ticking = p;
    return p;
  }

  private schedule(): void {
    if (this.state !== "running" || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, this.pollIntervalMs);
    this.timer.unref?.();
  }

  private inflight(kind: string): number {
    let n = 0;
    for (const r of this.running.values()) if (r.kind === kind) n++;
    return n;
  }

  private async tick(): Promise<void> {
    if (this.state !== "running") return;
    const recovered = await reapExpired(this.db, this.now());
    for (const r of recovered) this.logger.warn(`job ${r.kind} ${r.id}: lease expired; ${r.status === "failed" ? "failed (no attempts left)" : "re-queued"}`);
    for (const def of this.kinds.values()) {
      if (this.state !== "running") return;
      const free = (def.concurrency ?? 1) - this.inflight(def.kind);
      if (free <= 0) continue;
      const claimed = await claimJobs(this.db, def.kind, free, this.id, this.now(), def.leaseMs ?? DEFAULT_LEASE_MS);
      for (const job of claimed) this.run(def, job);
    }
  }

  private run(def: AnyJobDefinition, job: Job): void {
    const fence: Fence = { id: job.id, workerId: this.id, attempt: job.attempts };
    const controller = new AbortController();
    const entry: Running = { kind: def.kind, fence, controller, interrupted: false, done: Promise.resolve() };
    this.running.set(job.id, entry);
    entry.done = this.execute(def, job, entry).finally(() => {
      this.running.delete(job.id);
      this.wake(); // a slot is free
    });
  }

  private async execute(def: AnyJobDefinition, job: Job, entry: Running): Promise<void> {
    const { fence, controller } = entry;
    const leaseMs = def.leaseMs ?? DEFAULT_LEASE_MS;
    const heartbeat = async () => {
      const ours = await renewLease(this.db, fence, this.now(), leaseMs);
      if (!ours && !controller.signal.aborted) controller.abort(new Error("The job was cancelled or its lease was taken over."));
    };
    const beat = setInterval(() => void heartbeat().catch((e) => this.logger.warn(`job ${def.kind} ${job.id}: heartbeat failed: ${describeError(e)}`)), Math.max(10, Math.floor(leaseMs / 3)));
    beat.unref?.();
    const timeout = def.timeoutMs ? setTimeout(() => controller.abort(new Error(`Timed out after ${def.timeoutMs} ms.`)), def.timeoutMs) : undefined;
    timeout?.unref?.();
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
    });
    aborted.catch(() => {});

    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      const parsed = def.payload.safeParse(job.payload);
      if (!parsed.success) throw Object.assign(new Error(`Invalid payload: ${parsed.error.issues[0]!.path.join(".") || "(root)"}: ${parsed.error.issues[0]!.message}`), { name: "PermanentJobError" });
      const ctx: JobContext = {
        job: { id: job.id, kind: job.kind, workspaceId: job.workspaceId, attempt: job.attempts, maxAttempts: job.maxAttempts },
        db: this.db,
        signal: controller.signal,
        heartbeat,
      };
      // A handler that ignores its signal is abandoned at abort (cancel, timeout, lost lease, shutdown).
      outcome = { ok: true, result: await Promise.race([def.handler(parsed.data as never, ctx), aborted]) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(beat);
      if (timeout) clearTimeout(timeout);
    }

    const now = this.now();
    try {
      if (entry.interrupted) {
        await releaseJob(this.db, fence, now);
        return;
      }
      let recorded: boolean;
      let finished = true;
      if (outcome.ok) {
        const json = JSON.stringify(outcome.result); // undefined for undefined or a function: stored as null
        recorded = await markSucceeded(this.db, fence, now, json === undefined ? null : (JSON.parse(json) as unknown));
      } else {
        const last = isPermanent(outcome.error) || job.attempts >= job.maxAttempts;
        const retryAt = last ? null : new Date(now.getTime() + backoffDelay(job.attempts, def.backoff, this.random));
        finished = last;
        recorded = await markFailed(this.db, fence, now, describeError(outcome.error), retryAt);
        if (recorded) this.logger.warn(`job ${def.kind} ${job.id} attempt ${job.attempts}/${job.maxAttempts} failed${last ? "" : `, retrying at ${retryAt!.toISOString()}`}: ${describeError(outcome.error)}`);
      }
      if (!recorded) {
        this.logger.warn(`job ${def.kind} ${job.id}: finished after it was cancelled or taken over; outcome discarded`);
        return;
      }
      if (finished && def.everyMs) await scheduleRecurring(this.db, def, now, "run");
    } catch (e) {
      // The database failed while recording: the lease expires and the job is recovered and run again.
      this.logger.error(`job ${def.kind} ${job.id}: recording the outcome failed: ${describeError(e)}`);
    }
  }
}
