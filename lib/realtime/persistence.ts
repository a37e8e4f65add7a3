/**
 * The `load`, `store` and `compact` hooks on PostgreSQL (drizzle; PGlite or postgres.js), and the per-document
 * queue that batches incoming updates into one row per flush window.
 *
 * Rows: draft_update (append-only, batched) + draft_snapshot (folded state). Load = snapshot + every remaining
 * update row in seq order (re-applying an update that is already in the snapshot is a no-op in Yjs, so a row a
 * concurrent compaction missed is never lost).
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "@/db/client";
import { draftSnapshots, draftUpdates } from "@/db/schema/drafts";
import { initDraft, type DraftInit } from "./draft-model";

export interface DocRef {
  docName: string;
  workspaceId: string;
}
export interface LoadedState {
  /** Apply in order: the snapshot (if any), then the update rows. */
  updates: Uint8Array[];
  /** Update rows not yet folded into the snapshot (drives compaction). */
  rows: number;
}
export type LoadHook = (ref: DocRef) => Promise<LoadedState>;
export type StoreHook = (ref: DocRef & { update: Uint8Array }) => Promise<void>;
export type CompactHook = (ref: DocRef) => Promise<{ folded: number }>;
/** Initial content for a document that has no persisted state; null when no such document exists there. */
export type SeedHook = (ref: DocRef) => Promise<DraftInit | null>;

export class DocumentNotFoundError extends Error {
  constructor(docName: string) {
    super(`Document "${docName}" not found.`);
    this.name = "DocumentNotFoundError";
  }
}

/** Seeds are built by a fixed client id, so two processes seeding the same content produce identical structs. */
const SEED_CLIENT_ID = 1;

export function encodeSeed(init: DraftInit): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID;
  initDraft(doc, init);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const DELETE_CHUNK = 1000;

export function createPgPersistence(db: Db, opts: { seed?: SeedHook } = {}): { load: LoadHook; store: StoreHook; compact: CompactHook } {
  const store: StoreHook = async ({ docName, workspaceId, update }) => {
    await db.insert(draftUpdates).values({ doc: docName, workspaceId, update });
  };

  const load: LoadHook = async ({ docName, workspaceId }) => {
    const [snapshot] = await db
      .select({ state: draftSnapshots.state })
      .from(draftSnapshots)
      .where(and(eq(draftSnapshots.doc, docName), eq(draftSnapshots.workspaceId, workspaceId)));
    const rows = await db
      .select({ update: draftUpdates.update })
      .from(draftUpdates)
      .where(and(eq(draftUpdates.doc, docName), eq(draftUpdates.workspaceId, workspaceId)))
      .orderBy(asc(draftUpdates.seq));
    if (snapshot || rows.length) return { updates: [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)], rows: rows.length };
    if (!opts.seed) return { updates: [], rows: 0 };
    const init = await opts.seed({ docName, workspaceId });
    if (!init) throw new DocumentNotFoundError(docName);
    const update = encodeSeed(init);
    await store({ docName, workspaceId, update });
    return { updates: [update], rows: 1 };
  };

  /** Folds snapshot + every update row into a new snapshot and deletes those rows, in one transaction. */
  const compact: CompactHook = ({ docName, workspaceId }) =>
    db.transaction(async (tx) => {
      const [snapshot] = await tx
        .select({ state: draftSnapshots.state, workspaceId: draftSnapshots.workspaceId })
        .from(draftSnapshots)
        .where(eq(draftSnapshots.doc, docName))
        .for("update");
      if (snapshot && snapshot.workspaceId !== workspaceId) throw new Error(`Document "${docName}" belongs to another workspace.`);
      const rows = await tx
        .select({ seq: draftUpdates.seq, update: draftUpdates.update })
        .from(draftUpdates)
        .where(and(eq(draftUpdates.doc, docName), eq(draftUpdates.workspaceId, workspaceId)))
        .orderBy(asc(draftUpdates.seq));
      if (!rows.length) return { folded: 0 };
      // Through a Y.Doc (not Y.mergeUpdates) so deleted content is garbage-collected out of the snapshot.
      const doc = new Y.Doc();
      doc.transact(() => {
        if (snapshot) Y.applyUpdate(doc, snapshot.state);
        for (const r of rows) Y.applyUpdate(doc, r.update);
      });
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      const upToSeq = rows[rows.length - 1]!.seq;
      await tx
        .insert(draftSnapshots)
        .values({ doc: docName, workspaceId, state, upToSeq })
        .onConflictDoUpdate({ target: draftSnapshots.doc, set: { state, upToSeq, updatedAt: new Date() } });
      const seqs = rows.map((r) => r.seq);
      for (let i = 0; i < seqs.length; i += DELETE_CHUNK) {
        await tx.delete(draftUpdates).where(inArray(draftUpdates.seq, seqs.slice(i, i + DELETE_CHUNK)));
      }
      return { folded: rows.length };
    });

  return { load, store, compact };
}

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
    this.onError = opts.onError ?? ((m, e) => console.error(`[realtime] ${m}:`, e));
  }

  /** Starts tracking a freshly loaded document with `rows` unfolded update rows. */
  track(ref: DocRef, rows: number): void {
    if (!this.queues.has(ref.docName)) this.queues.set(ref.docName, { ...ref, pending: [], bytes: 0, chain: Promise.resolve(), rows, compacting: false });
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
      await this.hooks.store({ docName: q.docName, workspaceId: q.workspaceId, update });
      q.rows += 1;
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
      const { folded } = await this.hooks.compact({ docName: q.docName, workspaceId: q.workspaceId });
      q.rows = Math.max(0, q.rows - folded);
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
