/**
 * The `load`, `store` and `compact` hooks on PostgreSQL (drizzle; PGlite or postgres.js). The batching in front
 * of them is update-queue.ts.
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
  /** seq of every update row loaded (rows not yet folded into the snapshot; drives compaction). */
  seqs: number[];
  /** up_to_seq of the snapshot loaded; null when there was none. */
  snapshotSeq: number | null;
}
export interface CompactInput extends DocRef {
  /** The live document's state. Becomes the snapshot as is when the database holds nothing this process has not seen. */
  state?: Uint8Array;
  /** Update rows already contained in `state` (loaded or written by this process). */
  known?: ReadonlySet<number>;
  /** up_to_seq of the snapshot this process last loaded or wrote (null: none). */
  snapshotSeq?: number | null;
}
export interface CompactResult {
  folded: number;
  upToSeq: number | null;
  /** False when rows or a snapshot from elsewhere had to be merged in (the slow path). */
  fast: boolean;
}
export type LoadHook = (ref: DocRef) => Promise<LoadedState>;
/** Appends one update row; resolves with its seq when known. */
export type StoreHook = (ref: DocRef & { update: Uint8Array }) => Promise<number | void>;
export type CompactHook = (input: CompactInput) => Promise<CompactResult>;
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
  const store = async ({ docName, workspaceId, update }: DocRef & { update: Uint8Array }): Promise<number> => {
    const [row] = await db.insert(draftUpdates).values({ doc: docName, workspaceId, update }).returning({ seq: draftUpdates.seq });
    return row!.seq;
  };

  const load: LoadHook = async ({ docName, workspaceId }) => {
    const [snapshot] = await db
      .select({ state: draftSnapshots.state, upToSeq: draftSnapshots.upToSeq })
      .from(draftSnapshots)
      .where(and(eq(draftSnapshots.doc, docName), eq(draftSnapshots.workspaceId, workspaceId)));
    const rows = await db
      .select({ seq: draftUpdates.seq, update: draftUpdates.update })
      .from(draftUpdates)
      .where(and(eq(draftUpdates.doc, docName), eq(draftUpdates.workspaceId, workspaceId)))
      .orderBy(asc(draftUpdates.seq));
    if (snapshot || rows.length) {
      return { updates: [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)], seqs: rows.map((r) => r.seq), snapshotSeq: snapshot?.upToSeq ?? null };
    }
    if (!opts.seed) return { updates: [], seqs: [], snapshotSeq: null };
    const init = await opts.seed({ docName, workspaceId });
    if (!init) throw new DocumentNotFoundError(docName);
    const update = encodeSeed(init);
    const seq = await store({ docName, workspaceId, update });
    return { updates: [update], seqs: [seq], snapshotSeq: null };
  };

  /**
   * Folds every update row into the snapshot and deletes those rows, in one transaction. Fast path: the caller's
   * live state already contains every row and the snapshot it last saw, so it becomes the snapshot as is; otherwise
   * snapshot + rows (+ live state) are merged through a Y.Doc (which also garbage-collects deleted content).
   */
  const compact: CompactHook = ({ docName, workspaceId, state, known, snapshotSeq }) =>
    db.transaction(async (tx) => {
      const [snapshot] = await tx
        .select({ upToSeq: draftSnapshots.upToSeq, workspaceId: draftSnapshots.workspaceId })
        .from(draftSnapshots)
        .where(eq(draftSnapshots.doc, docName))
        .for("update");
      if (snapshot && snapshot.workspaceId !== workspaceId) throw new Error(`Document "${docName}" belongs to another workspace.`);
      const seqs = (
        await tx
          .select({ seq: draftUpdates.seq })
          .from(draftUpdates)
          .where(and(eq(draftUpdates.doc, docName), eq(draftUpdates.workspaceId, workspaceId)))
          .orderBy(asc(draftUpdates.seq))
      ).map((r) => r.seq);
      if (!seqs.length) return { folded: 0, upToSeq: snapshot?.upToSeq ?? null, fast: true };
      const fast = state !== undefined && known !== undefined && snapshotSeq !== undefined && (snapshot?.upToSeq ?? null) === snapshotSeq && seqs.every((s) => known.has(s));
      let next: Uint8Array;
      if (fast) next = state;
      else {
        const doc = new Y.Doc();
        const [old] = snapshot ? await tx.select({ state: draftSnapshots.state }).from(draftSnapshots).where(eq(draftSnapshots.doc, docName)) : [];
        const rows = await tx.select({ update: draftUpdates.update }).from(draftUpdates).where(inArray(draftUpdates.seq, seqs)).orderBy(asc(draftUpdates.seq));
        doc.transact(() => {
          if (old) Y.applyUpdate(doc, old.state);
          for (const r of rows) Y.applyUpdate(doc, r.update);
          if (state) Y.applyUpdate(doc, state);
        });
        next = Y.encodeStateAsUpdate(doc);
        doc.destroy();
      }
      const upToSeq = seqs[seqs.length - 1]!;
      await tx
        .insert(draftSnapshots)
        .values({ doc: docName, workspaceId, state: next, upToSeq })
        .onConflictDoUpdate({ target: draftSnapshots.doc, set: { state: next, upToSeq, updatedAt: new Date() } });
      for (let i = 0; i < seqs.length; i += DELETE_CHUNK) {
        await tx.delete(draftUpdates).where(inArray(draftUpdates.seq, seqs.slice(i, i + DELETE_CHUNK)));
      }
      return { folded: seqs.length, upToSeq, fast };
    });

  return { load, store, compact };
}
