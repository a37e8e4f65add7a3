import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Database } from "@/db/client";
import { draftSnapshots, draftUpdates } from "@/db/schema";
import { createPgPersistence, createPromptSeed, DocumentNotFoundError, readDraft, UpdateQueue, type StoreHook } from "@/lib/realtime";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { promptFixture, waitFor } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const rowsOf = async (doc: string) => (await database.db.select({ seq: draftUpdates.seq }).from(draftUpdates).where(eq(draftUpdates.doc, doc))).length;
const NOTHING = { seqs: [], snapshotSeq: null };
const ref = () => ({ docName: uniq("doc:"), workspaceId: uniq("ws") });

function textOf(updates: Uint8Array[]): string {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return d.getText("content").toString();
}

/** A client doc whose every change is handed to `push`. */
function typist(push: (u: Uint8Array) => void) {
  const doc = new Y.Doc();
  doc.on("update", (u: Uint8Array) => push(u));
  return doc.getText("content");
}

describe(`realtime persistence hooks (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("load seeds a document with no state once (from the prompt's latest version) and stores the seed as its first update", async () => {
    const f = await promptFixture(database, "Seeded {{x}}");
    let seeds = 0;
    const promptSeed = createPromptSeed(database.db);
    const p = createPgPersistence(database.db, { seed: (r) => (seeds++, promptSeed(r)) });
    const first = await p.load({ docName: f.docName, workspaceId: f.ws.id });
    expect(first.seqs).toHaveLength(1);
    expect(await rowsOf(f.docName)).toBe(1);
    const again = await p.load({ docName: f.docName, workspaceId: f.ws.id });
    expect(seeds).toBe(1);
    const doc = new Y.Doc();
    for (const u of again.updates) Y.applyUpdate(doc, u);
    expect(readDraft(doc)).toEqual({ type: "text", content: "Seeded {{x}}", config: {}, baseVersion: 1, baseSemver: "1.0.0" });
    // Rows are scoped by workspace: the same name under another workspace is a different (here: unknown) document.
    const other = await promptFixture(database);
    await expect(p.load({ docName: f.docName, workspaceId: other.ws.id })).rejects.toBeInstanceOf(DocumentNotFoundError);
    expect(await rowsOf(f.docName)).toBe(1);
  });

  it("the queue writes a burst of updates as ONE merged row, flushDelayMs after the first (fake timers)", async () => {
    const r = ref();
    const p = createPgPersistence(database.db);
    const calls: Uint8Array[] = [];
    const store: StoreHook = async (x) => {
      calls.push(x.update);
      await p.store(x);
    };
    const queue = new UpdateQueue({ store, compact: p.compact }, { flushDelayMs: 50 });
    queue.track(r, NOTHING);
    // Only the queue's window timer is faked: the database keeps its real clock.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const text = typist((u) => queue.push(r.docName, u));
      for (let i = 0; i < 50; i++) text.insert(text.length, `${i},`);
      await vi.advanceTimersByTimeAsync(49);
      expect(calls).toHaveLength(0); // the window is still open: nothing written yet
      await vi.advanceTimersByTimeAsync(1);
      expect(calls).toHaveLength(1); // the window closed: the whole burst in one write
      vi.useRealTimers();
      await queue.flush(r.docName);
      expect(calls).toHaveLength(1);
      expect(await rowsOf(r.docName)).toBe(1);
      expect(textOf((await p.load(r)).updates)).toBe(text.toString());
    } finally {
      vi.useRealTimers();
    }
  });

  it("flushes at once past maxQueueBytes", async () => {
    const r = ref();
    const p = createPgPersistence(database.db);
    let stores = 0;
    const queue = new UpdateQueue({ store: (x) => (stores++, p.store(x)) }, { flushDelayMs: 60_000, maxQueueBytes: 1024 });
    queue.track(r, NOTHING);
    const text = typist((u) => queue.push(r.docName, u));
    text.insert(0, "x".repeat(2000));
    await waitFor(() => stores === 1, "an immediate flush despite a one-minute window");
    await queue.flush(r.docName);
    expect(textOf((await p.load(r)).updates)).toBe("x".repeat(2000));
  });

  it("compacts past 100 rows: a snapshot replaces the rows, in one transaction, and load returns the same content", async () => {
    const r = ref();
    const p = createPgPersistence(database.db);
    let compactions = 0;
    const queue = new UpdateQueue({ store: p.store, compact: (x) => (compactions++, p.compact(x)) }, { compactAfterRows: 100 });
    queue.track(r, NOTHING);
    const text = typist((u) => queue.push(r.docName, u));
    for (let i = 0; i < 100; i++) {
      text.insert(text.length, `${i % 10}`);
      if (i % 7 === 0) text.delete(0, 1);
      await queue.flush(r.docName);
    }
    expect(await rowsOf(r.docName)).toBe(100);
    expect(compactions).toBe(0);
    text.insert(0, "!");
    await queue.flush(r.docName); // row 101
    expect(compactions).toBe(1);
    expect(await rowsOf(r.docName)).toBe(0);
    const [snap] = await database.db.select().from(draftSnapshots).where(eq(draftSnapshots.doc, r.docName));
    expect(snap?.workspaceId).toBe(r.workspaceId);
    expect(snap?.upToSeq).toBeGreaterThan(0);
    const loaded = await p.load(r);
    expect(loaded.seqs).toEqual([]);
    expect(textOf(loaded.updates)).toBe(text.toString());

    // Later rows stack on the snapshot; a second compaction folds them too.
    text.insert(text.length, "?");
    await queue.flush(r.docName);
    expect(textOf((await p.load(r)).updates)).toBe(text.toString());
    expect(await p.compact(r)).toMatchObject({ folded: 1, fast: false });
    expect(textOf((await p.load(r)).updates)).toBe(text.toString());
  });

  it("compaction from the live state (fast path) never loses rows written elsewhere (merged instead)", async () => {
    const r = ref();
    const p = createPgPersistence(database.db);
    // This process: a live doc whose rows it wrote itself.
    const live = new Y.Doc();
    const queue = new UpdateQueue({ store: p.store, compact: p.compact });
    queue.track(r, NOTHING, () => Y.encodeStateAsUpdate(live));
    live.on("update", (u: Uint8Array) => queue.push(r.docName, u));
    live.getText("content").insert(0, "mine ");
    await queue.flush(r.docName);
    await queue.compact(r.docName);
    expect(textOf((await p.load(r)).updates)).toBe("mine ");
    expect(queue.rowCount(r.docName)).toBe(0);

    // Fast path: the live state is the snapshot (rows known, snapshot unchanged).
    live.getText("content").insert(5, "again ");
    await queue.flush(r.docName);
    const spy: boolean[] = [];
    const observed = new UpdateQueue({ store: p.store, compact: async (x) => { const res = await p.compact(x); spy.push(res.fast); return res; } });
    const loaded = await p.load(r);
    const replica = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(replica, u);
    observed.track(r, loaded, () => Y.encodeStateAsUpdate(replica));
    await observed.compact(r.docName);
    expect(spy).toEqual([true]);

    // Another process appends a row this one never saw: the next compaction merges it in (slow path).
    const foreign = new Y.Doc();
    Y.applyUpdate(foreign, Y.encodeStateAsUpdate(replica));
    foreign.getText("content").insert(0, "theirs ");
    await p.store({ ...r, update: Y.encodeStateAsUpdate(foreign, Y.encodeStateVector(replica)) });
    replica.getText("content").insert(replica.getText("content").length, "+local");
    observed.push(r.docName, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(foreign)));
    await observed.compact(r.docName);
    expect(spy).toEqual([true, false]);
    const merged = textOf((await p.load(r)).updates);
    expect(merged).toContain("theirs ");
    expect(merged).toContain("+local");
    expect(merged).toContain("mine again ");
  });

  it("keeps updates in memory and retries when a write fails", async () => {
    const r = ref();
    const p = createPgPersistence(database.db);
    let fail = true;
    const errors: string[] = [];
    const queue = new UpdateQueue(
      { store: (x) => (fail ? Promise.reject(new Error("db down")) : p.store(x)) },
      { flushDelayMs: 5, retryDelayMs: 20, onError: (m) => errors.push(m) },
    );
    queue.track(r, NOTHING);
    const text = typist((u) => queue.push(r.docName, u));
    text.insert(0, "kept");
    await waitFor(() => errors.length > 0, "a failed write");
    expect(queue.pendingCount(r.docName)).toBe(1);
    fail = false;
    text.insert(4, "!");
    await waitFor(async () => textOf((await p.load(r)).updates) === "kept!", "the retried write");
  });
});
