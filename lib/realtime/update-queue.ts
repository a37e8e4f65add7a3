/**
 * The per-document write queue in front of the `store` and `compact` hooks: updates arriving within the flush
 * window become ONE row (Y.mergeUpdates), written at most ~2 windows after arrival, one write at a time per
 * document; past `compactAfterRows` rows the document is compacted. A failed write stays queued and is retried.
 */
import * as Y from "yjs";
import type { CompactHook, DocRef, LoadedState, StoreHook } from "./persistence";
import { logError } from "@/lib/log";

export interface QueueOptions {
  /** Flush this long after the first queued update (the flush window is ~2x this with a write in flight). */
  flushDelayMs?: number;
  /** Flush at once when this many bytes are queued. */
  maxQueueBytes?: number;
  /** Compact when a document has more update rows than this. */
  compactAfterRows?: number;
  /** Back-off before retrying a failed write. */
  retryDelayMs?: number;
  onError?: (message: string, error: unknown) => void;
}

interface DocQueue extends DocRef {
  pending: Uint8Array[];
  bytes: number;
  timer?: NodeJS.Timeout;
  /** Writes of one document run one after another. */
  chain: Promise<void>;
  rows: number;
  compacting: boolean;
  /** Rows this process loaded or wrote (all contained in the live state). */
  known: Set<number>;
  snapshotSeq: number | null;
  /** False once a row without a seq was written or foreign content was found: always merge from the database. */
  fastPath: boolean;
  state?: () => Uint8Array;
}

/** Batches updates per document: one row per flush (Y.mergeUpdates), compaction past a row threshold. */
export class UpdateQueue {
  private queues = new Map<string, DocQueue>();
  private readonly flushDelayMs: number;
  private readonly maxQueueBytes: number;
  private readonly compactAfterRows: number;
  private readonly retryDelayMs: number;
  private readonly onError: (message: string, error: unknown) => void;

  constructor(
    private readonly hooks: { store: StoreHook; compact?: CompactHook },
    opts: QueueOptions = {},
  ) {
    this.flushDelayMs = opts.flushDelayMs ?? 50;
    this.maxQueueBytes = opts.maxQueueBytes ?? 256 * 1024;
    this.compactAfterRows = opts.compactAfterRows ?? 100;
    this.retryDelayMs = opts.retryDelayMs ?? 1000;
    this.onError = opts.onError ?? ((m, e) => logError(`[realtime] ${m}`, e));
  }

  /** Starts tracking a freshly loaded document; `state` reads its live state (for fast compaction). */
  track(ref: DocRef, loaded: Pick<LoadedState, "seqs" | "snapshotSeq">, state?: () => Uint8Array): void {
    if (this.queues.has(ref.docName)) return;
    this.queues.set(ref.docName, {
      ...ref,
      pending: [],
      bytes: 0,
      chain: Promise.resolve(),
      rows: loaded.seqs.length,
      compacting: false,
      known: new Set(loaded.seqs),
      snapshotSeq: loaded.snapshotSeq,
      fastPath: state !== undefined,
      state,
    });
  }

  push(docName: string, update: Uint8Array): void {
    const q = this.queues.get(docName);
    if (!q) throw new Error(`UpdateQueue: document "${docName}" is not tracked`);
    q.pending.push(update);
    q.bytes += update.byteLength;
    if (q.bytes >= this.maxQueueBytes) void this.flush(docName);
    else q.timer ??= setTimeout(() => void this.flush(docName), this.flushDelayMs);
  }

  pendingCount(docName: string): number {
    return this.queues.get(docName)?.pending.length ?? 0;
  }

  rowCount(docName: string): number {
    return this.queues.get(docName)?.rows ?? 0;
  }

  /** Writes what is queued (one row) and waits for every write of this document started so far. */
  flush(docName: string): Promise<void> {
    const q = this.queues.get(docName);
    if (!q) return Promise.resolve();
    if (q.timer) clearTimeout(q.timer);
    q.timer = undefined;
    if (q.pending.length) {
      const batch = q.pending;
      q.pending = [];
      q.bytes = 0;
      q.chain = q.chain.then(() => this.write(q, batch));
    }
    return q.chain;
  }

  private async write(q: DocQueue, batch: Uint8Array[]): Promise<void> {
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    try {
      const seq = await this.hooks.store({ docName: q.docName, workspaceId: q.workspaceId, update });
      q.rows += 1;
      if (typeof seq === "number") q.known.add(seq);
      else q.fastPath = false;
    } catch (e) {
      // Keep it in memory (ahead of newer updates) and try again; nothing is dropped while the process lives.
      this.onError(`storing an update of ${q.docName} failed, retrying in ${this.retryDelayMs} ms`, e);
      q.pending.unshift(update);
      q.bytes += update.byteLength;
      q.timer ??= setTimeout(() => void this.flush(q.docName), this.retryDelayMs);
      return;
    }
    if (q.rows > this.compactAfterRows && !q.compacting) await this.compactNow(q);
  }

  /** Flushes, then folds the update rows into the snapshot (skipped when there is nothing to fold). */
  async compact(docName: string): Promise<void> {
    await this.flush(docName);
    const q = this.queues.get(docName);
    if (!q || q.rows === 0 || q.compacting) return;
    q.chain = q.chain.then(() => this.compactNow(q));
    return q.chain;
  }

  private async compactNow(q: DocQueue): Promise<void> {
    if (!this.hooks.compact) return;
    q.compacting = true;
    try {
      const fast = q.fastPath && q.state;
      const result = await this.hooks.compact({
        docName: q.docName,
        workspaceId: q.workspaceId,
        ...(fast ? { state: q.state!(), known: q.known, snapshotSeq: q.snapshotSeq } : {}),
      });
      q.rows = Math.max(0, q.rows - result.folded);
      q.snapshotSeq = result.upToSeq;
      q.known.clear();
      if (!result.fast) q.fastPath = false;
    } catch (e) {
      this.onError(`compacting ${q.docName} failed`, e);
    } finally {
      q.compacting = false;
    }
  }

  /** Stops tracking a document; call only once its queue is empty. */
  forget(docName: string): void {
    const q = this.queues.get(docName);
    if (q?.timer) clearTimeout(q.timer);
    this.queues.delete(docName);
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.queues.keys()].map((name) => this.flush(name)));
  }
}
