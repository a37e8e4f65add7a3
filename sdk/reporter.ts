/**
 * `reportGeneration(...)`: queued in memory and posted in batches to `POST /api/v1/generations` (DESIGN.md
 * "Ingestion") in the background. Never blocks the caller and never grows without bound: beyond `maxQueue`
 * items the newest are dropped and counted; a failed batch goes back to the queue while there is room, the rest
 * is dropped and counted.
 */

export interface GenerationReport {
  /** Client id (idempotency): generated when absent, so a retried batch is never stored twice. */
  id?: string;
  prompt: string;
  version?: number;
  label?: string;
  hash?: string;
  model: string;
  input: unknown;
  output: unknown;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  costUsd?: number;
  startedAt?: string;
  environment?: string;
  status?: "ok" | "error";
  error?: string;
  userId?: string;
  metadata?: Record<string, unknown>;
}

export interface ReporterOptions {
  maxQueue?: number;
  batchSize?: number;
  flushIntervalMs?: number;
}

export interface ReporterStats {
  queued: number;
  sent: number;
  dropped: number;
  failedBatches: number;
}

const INGEST_MAX = 1000; // the endpoint's batch limit

export class Reporter {
  private queue: GenerationReport[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly maxQueue: number;
  private readonly batchSize: number;
  private readonly flushIntervalMs: number;
  readonly stats: ReporterStats = { queued: 0, sent: 0, dropped: 0, failedBatches: 0 };

  constructor(
    private readonly post: (batch: GenerationReport[]) => Promise<void>,
    opts: ReporterOptions = {},
  ) {
    this.maxQueue = opts.maxQueue ?? 10_000;
    this.batchSize = Math.min(INGEST_MAX, opts.batchSize ?? 100);
    this.flushIntervalMs = opts.flushIntervalMs ?? 2_000;
  }

  /** Synchronous and O(1): queues the report (or drops and counts it when the queue is full). */
  report(item: GenerationReport): void {
    if (this.queue.length >= this.maxQueue) {
      this.stats.dropped++;
      return;
    }
    this.queue.push({ ...item, id: item.id ?? crypto.randomUUID() });
    this.stats.queued = this.queue.length;
    if (this.queue.length >= this.batchSize) void this.flush();
    else this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushIntervalMs);
    // Never keeps a Node process alive just to report (Deno and browsers have no unref).
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Sends what is queued now; resolves when done (never rejects). */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight.then(() => (this.queue.length ? this.flush() : undefined));
    this.inFlight = this.drain().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.batchSize);
      this.stats.queued = this.queue.length;
      try {
        await this.post(batch);
        this.stats.sent += batch.length;
      } catch {
        this.stats.failedBatches++;
        // Back to the front while there is room; the rest is dropped and counted. Stop for now: the server is
        // down, the next report (or the timer) tries again.
        const room = Math.max(0, this.maxQueue - this.queue.length);
        this.stats.dropped += Math.max(0, batch.length - room);
        this.queue.unshift(...batch.slice(0, room));
        this.stats.queued = this.queue.length;
        if (this.queue.length) this.schedule();
        return;
      }
    }
  }

  get size(): number {
    return this.queue.length;
  }
}
