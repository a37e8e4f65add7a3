import { describe, expect, it } from "vitest";
import { createPgPersistence, type LoadHook } from "@/lib/realtime";
import { getRealtimeServer, invalidateMembership, withLoadedDoc } from "@/lib/realtime/registry";
import { usingPostgres } from "@/lib/test/db";
import { promptFixture, realtimeHarness, storedDraft, waitFor } from "./helpers";

const rt = realtimeHarness();
const { start, client } = rt;

describe(`realtime document lifecycle and registry (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("without a server, withLoadedDoc rejects and invalidateMembership is a no-op", async () => {
    expect(getRealtimeServer()).toBeUndefined();
    await expect(withLoadedDoc("prompt:x", () => 1)).rejects.toThrow(/not running/);
    await expect(invalidateMembership("w", "u")).resolves.toBeUndefined();
  });

  it("clients opening a document while it loads all wait for the same load: seeded once, nobody sees an empty document", async () => {
    const f = await promptFixture(rt.database, "Only once");
    const base = createPgPersistence(rt.database.db, { seed: (await import("@/lib/realtime")).createPromptSeed(rt.database.db) });
    let loads = 0;
    const slowLoad: LoadHook = async (r) => {
      loads++;
      await new Promise((res) => setTimeout(res, 300));
      return base.load(r);
    };
    const server = await start({ load: slowLoad });
    const many = Array.from({ length: 4 }, () => client(server.url, f.docName, f.token(f.owner.id, "owner")));
    const seenEmpty: boolean[] = [];
    await Promise.all(many.map((c) => c.synced.then(() => seenEmpty.push(c.text.toString() === ""))));
    expect(seenEmpty).toEqual([false, false, false, false]); // synced means loaded: the text was there at once
    expect(loads).toBe(1);
    for (const c of many) expect(c.text.toString()).toBe("Only once");
  });

  it("withLoadedDoc reads the live draft and rebases it; every client sees the change, the rt.database has it", async () => {
    const f = await promptFixture(rt.database, "Live");
    const server = await start();
    const a = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await a.synced;
    a.text.insert(4, " edit");
    await waitFor(() => server.rt.isLoaded(f.docName), "the document is loaded");
    await waitFor(async () => (await withLoadedDoc(f.docName, (_doc, draft) => draft.read().content)) === "Live edit", "the server has the edit");

    const draft = await withLoadedDoc(f.docName, (_doc, d) => {
      const before = d.read();
      d.rebase({ number: 2, semver: "1.1.0" });
      return before;
    });
    expect(draft).toMatchObject({ type: "text", content: "Live edit", baseVersion: 1, baseSemver: "1.0.0" });
    await waitFor(() => a.doc.getMap("meta").get("baseVersion") === 2, "the client sees the rebase");
    expect(a.doc.getMap("meta").get("baseSemver")).toBe("1.1.0");
    expect(await storedDraft(rt.database, f.docName, f.ws.id)).toMatchObject({ content: "Live edit", baseVersion: 2 }); // flushed before resolving
  });

  it("withLoadedDoc on a document nobody has open loads it for the duration (workspace resolved from the prompt)", async () => {
    const f = await promptFixture(rt.database, "Cold");
    const server = await start();
    expect(server.rt.isLoaded(f.docName)).toBe(false);
    await withLoadedDoc(f.docName, (_doc, d) => d.rebase({ number: 5, semver: "2.0.0" }));
    await waitFor(() => !server.rt.isLoaded(f.docName), "the temporary document is unloaded again");
    expect(await storedDraft(rt.database, f.docName, f.ws.id)).toMatchObject({ content: "Cold", baseVersion: 5, baseSemver: "2.0.0" });
    await expect(withLoadedDoc(f.docName, () => 1, { workspaceId: (await promptFixture(rt.database)).ws.id })).rejects.toThrow(/not found/);
  });

  it("the change hook sees every accepted update with its session, never a dropped one", async () => {
    const f = await promptFixture(rt.database, "");
    const viewer = await f.member("viewer");
    const changes: { user: string | null; bytes: number }[] = [];
    const server = await start({ change: (e: { session: { userId: string } | null; update: Uint8Array }) => changes.push({ user: e.session?.userId ?? null, bytes: e.update.byteLength }) });
    const ed = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const vw = client(server.url, f.docName, f.token(viewer.user.id, "viewer"));
    await Promise.all([ed.synced, vw.synced]);
    vw.text.insert(0, "dropped");
    vw.provider.awareness.setLocalStateField("marker", "after-dropped"); // same socket, so handled after the update
    await waitFor(() => [...ed.provider.awareness.getStates().values()].some((s) => s.marker === "after-dropped"), "the server handled the viewer's update");
    ed.text.insert(0, "kept");
    await waitFor(() => vw.text.toString().includes("kept"), "the editor's update reaches the viewer");
    await withLoadedDoc(f.docName, (_d, draft) => draft.rebase({ number: 9, semver: "9.0.0" }));
    expect(changes.map((c) => c.user)).toEqual([f.owner.id, null]); // the editor's update, then the server's rebase
  });

  it("a client that stops answering pings is dropped and its cursor removed for the others", async () => {
    const f = await promptFixture(rt.database, "");
    const server = await start({ pingIntervalMs: 100 });
    const ed = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await ed.synced;
    const { default: WebSocket } = await import("ws");
    const { encodeAwarenessUpdate, Awareness } = await import("y-protocols/awareness");
    const { realtimePath } = await import("@/lib/realtime");
    const Y = await import("yjs");
    const ghost = new WebSocket(`ws://127.0.0.1:${server.port}${realtimePath(f.docName)}?token=${f.token(f.owner.id, "owner")}`, { autoPong: false });
    ghost.on("error", () => {});
    const closed = new Promise<number>((r) => ghost.once("close", (code) => r(code)));
    await new Promise((r) => ghost.once("open", r));
    // Announce a cursor, then go silent (no pongs).
    const aw = new Awareness(new Y.Doc());
    aw.setLocalState({ name: "ghost" });
    const update = encodeAwarenessUpdate(aw, [aw.clientID]);
    ghost.send(Uint8Array.from([1, update.length, ...update]));
    await waitFor(() => [...ed.provider.awareness.getStates().values()].some((s) => s.name === "ghost"), "the ghost's cursor is relayed");
    expect(await closed).toBe(1006); // terminated, no close frame
    await waitFor(() => ![...ed.provider.awareness.getStates().values()].some((s) => s.name === "ghost"), "the ghost's cursor is removed");
    aw.destroy();
    expect(ed.closes).toEqual([]); // the live client answers pings and stays
  });

  it("echoes a client's awareness back to it, so a client alone on a document is never silent for 30 s", async () => {
    const f = await promptFixture(rt.database, "");
    const server = await start();
    const { default: WebSocket } = await import("ws");
    const { encodeAwarenessUpdate, Awareness } = await import("y-protocols/awareness");
    const { realtimePath } = await import("@/lib/realtime");
    const Y = await import("yjs");
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${realtimePath(f.docName)}?token=${f.token(f.owner.id, "owner")}`);
    await new Promise((r) => ws.once("open", r));
    const frames: Uint8Array[] = [];
    ws.on("message", (d: Buffer) => frames.push(new Uint8Array(d)));
    const aw = new Awareness(new Y.Doc());
    aw.setLocalState({ name: "alone" });
    const update = encodeAwarenessUpdate(aw, [aw.clientID]);
    ws.send(Uint8Array.from([1, update.length, ...update]));
    await waitFor(() => frames.some((m) => m[0] === 1 && Buffer.from(m).includes(Buffer.from("alone"))), "the awareness echo");
    aw.destroy();
    ws.close();
  });

  it("close() flushes what is queued before the flush window ends", async () => {
    const f = await promptFixture(rt.database, "");
    const server = await start({ flushDelayMs: 10_000 });
    const a = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const b = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await Promise.all([a.synced, b.synced]);
    a.text.insert(0, "saved on close");
    await waitFor(() => b.text.toString() === "saved on close", "the server has the update");
    await server.close();
    expect(await storedDraft(rt.database, f.docName, f.ws.id)).toMatchObject({ content: "saved on close" });
  });
});
