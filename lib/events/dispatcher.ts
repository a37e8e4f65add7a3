/**
 * Delivers committed outbox rows to subscribers, after commit, exactly once per process.
 *
 * A pass claims undelivered rows (`FOR UPDATE SKIP LOCKED`, then a lease in `claimed_until`), hands them in id
 * order to the transport, and stamps `delivered_at`. Only one pass runs at a time per dispatcher, and a claimed
 * row is invisible to other dispatchers (other instances) until its lease expires, so a row is delivered once.
 * If this process dies mid-delivery the lease expires and the row is delivered again (at least once across
 * crashes; `meta.attempt` > 1 says so).
 *
 * When a pass runs:
 * - `start()`: at once, so rows left undelivered by a crash (commit, then kill) go out at the next start;
 * - `flush()`: right after a commit in this process (verbs call `flushEvents(ctx)`); resolves when a pass that
 *   began after the call has finished, i.e. when every event committed before the call has reached the
 *   subscribers (or `flushTimeoutMs` passed: a stuck subscriber never hangs a request forever);
 * - every `pollIntervalMs`: the backstop for commits whose flush never ran (a crash, another instance, a verb
 *   inside an outer transaction whose owner forgot to flush).
 *
 * Order: rows are delivered by id. Ids are taken at insert, not at commit, so two concurrent transactions can
 * commit out of id order: subscribers must not assume a strict global order (each event carries what it needs,
 * e.g. label.moved has both fromVersion and toVersion).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { eventOutbox, type EventOutboxRow } from "@/db/schema";
import { consoleLogger, errorMessage, type EventLogger } from "./bus";
import type { EventTransport } from "./transport";
import { eventFromRow, type DeliveredEvent } from "./types";

export interface EventDispatcherOptions {
  db: Db;
  transport: EventTransport;
  /** Names this dispatcher in claims (default host:pid:random). */
  id?: string;
  /** Backstop poll (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long a claim lasts before another dispatcher may take the row over (default 60 s). */
  leaseMs?: number;
  /** Rows per claim (default 100). */
  batchSize?: number;
  /** The longest `flush()` waits (default 10 s). */
  flushTimeoutMs?: number;
  /** Injected clock for leases and delivery stamps (tests). */
  now?: () => Date;
  logger?: EventLogger;
}

type State = "idle" | "running" | "stopping" | "stopped";

/** Set while subscribers run: a flush from inside a subscriber must not wait for the pass that is running it. */
const delivering = new AsyncLocalStorage<true>();

export class EventDispatcher {
  readonly id: string;
  private readonly db: Db;
  private readonly transport: EventTransport;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly flushTimeoutMs: number;
  private readonly now: () => Date;
  private readonly logger: EventLogger;
  private state: State = "idle";
  private pass: Promise<void> | null = null;
  private nextPass: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Rows delivered by this dispatcher (diagnostics and tests). */
  delivered = 0;

  constructor(opts: EventDispatcherOptions) {
    this.db = opts.db;
    this.transport = opts.transport;
    this.id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.batchSize = opts.batchSize ?? 100;
    this.flushTimeoutMs = opts.flushTimeoutMs ?? 10_000;
    this.now = opts.now ?? (() => new Date());
    this.logger = opts.logger ?? consoleLogger;
  }

  /** Opens the transport, delivers what a previous run left undelivered, then polls. */
  async start(): Promise<void> {
    if (this.state !== "idle") throw new Error(`The event dispatcher is ${this.state}.`);
    await this.transport.start?.();
    this.state = "running";
    await this.flush();
    this.schedulePoll();
  }

  /**
   * Stops polling, runs a last pass (events committed before shutdown go out now rather than at the next start;
   * `{ drain: false }` skips it), lets the pass in flight finish, closes the transport.
   */
  async stop({ drain = true }: { drain?: boolean } = {}): Promise<void> {
    if (this.state === "stopped" || this.state === "stopping") return;
    this.state = "stopping";
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (drain) await this.flush(); // bounded by flushTimeoutMs, like any flush
    this.state = "stopped";
    await this.nextPass?.catch(() => {});
    await this.pass?.catch(() => {});
    await this.transport.close?.();
  }

  /**
   * Delivers every event committed before this call; resolves when done (see the file comment). Safe to call
   * from anywhere outside an open transaction, including subscribers (they get a background pass instead:
   * waiting there would wait on themselves). Never rejects: a failed pass is logged and retried by the poll.
   */
  flush(): Promise<void> {
    if (this.state === "stopped") return Promise.resolve();
    if (delivering.getStore()) {
      void this.requestPass();
      return Promise.resolve();
    }
    const done = this.requestPass();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn(`event flush still running after ${this.flushTimeoutMs} ms; continuing (a subscriber is slow)`);
        resolve();
      }, this.flushTimeoutMs);
      timer.unref?.();
    });
    return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
  }

  /** A pass that starts after this call: the running one may have claimed before the caller's commit. */
  private requestPass(): Promise<void> {
    if (!this.pass) return this.startPass();
    this.nextPass ??= this.pass.then(() => {
      this.nextPass = null;
      return this.pass ?? this.startPass();
    });
    return this.nextPass;
  }

  private startPass(): Promise<void> {
    const p: Promise<void> = this.drain()
      .catch((e) => this.logger.error(`event dispatch failed (retrying on the next poll): ${errorMessage(e)}`))
      .finally(() => {
        if (this.pass === p) this.pass = null;
      });
    this.pass = p;
    return p;
  }

  private schedulePoll(): void {
    if (this.state !== "running") return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.state === "running") void this.requestPass().finally(() => this.schedulePoll());
    }, this.pollIntervalMs);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = await this.claim();
      if (rows.length === 0) return;
      await this.deliver(rows);
      if (rows.length < this.batchSize || this.state === "stopped") return;
    }
  }

  private async claim(): Promise<EventOutboxRow[]> {
    const now = this.now();
    const due = this.db
      .select({ id: eventOutbox.id })
      .from(eventOutbox)
      .where(and(isNull(eventOutbox.deliveredAt), or(isNull(eventOutbox.claimedUntil), lt(eventOutbox.claimedUntil, now))))
      .orderBy(asc(eventOutbox.id))
      .limit(this.batchSize)
      .for("update", { skipLocked: true });
    const rows = await this.db
      .update(eventOutbox)
      .set({ claimedBy: this.id, claimedUntil: new Date(now.getTime() + this.leaseMs), attempts: sql`${eventOutbox.attempts} + 1` })
      // `= any(array(...))`, not `in (...)`: Postgres may re-run an IN subquery per row and exceed the LIMIT
      // (lib/jobs/queries.ts has the details); ARRAY() is evaluated once.
      .where(sql`${eventOutbox.id} = any(array(${due}))`)
      .returning();
    return rows.sort((a, b) => a.id - b.id);
  }

  private async deliver(rows: EventOutboxRow[]): Promise<void> {
    const batch: DeliveredEvent[] = [];
    for (const row of rows) {
      const event = eventFromRow(row);
      if (!event) {
        // A type this release does not know (rolled back after a newer one emitted it) or a payload that no longer
        // validates: nobody could handle it; stamp it so it does not block the outbox, and say so.
        this.logger.warn(`outbox row #${row.id} (${row.type}) does not match a known event schema; skipped`);
        continue;
      }
      batch.push({
        event,
        meta: { id: row.id, occurredAt: row.createdAt, actor: { type: row.actorType, id: row.actorId }, attempt: row.attempts },
      });
    }
    if (batch.length) {
      try {
        await delivering.run(true, () => this.transport.publish(batch));
      } catch (e) {
        // The transport itself failed (a remote one): leave the claim to expire so the rows are retried.
        this.logger.error(`event transport failed; ${rows.length} event(s) will be retried: ${errorMessage(e)}`);
        return;
      }
    }
    await this.db
      .update(eventOutbox)
      .set({ deliveredAt: this.now(), claimedBy: null, claimedUntil: null })
      .where(
        and(
          inArray(
            eventOutbox.id,
            rows.map((r) => r.id),
          ),
          eq(eventOutbox.claimedBy, this.id),
        ),
      );
    this.delivered += batch.length;
  }
}
