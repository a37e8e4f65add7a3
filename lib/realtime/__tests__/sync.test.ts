import { describe, expect, it } from "vitest";
import { createPgPersistence } from "@/lib/realtime";
import { usingPostgres } from "@/lib/test/db";
import { type Client, promptFixture, realtimeHarness, storedDraft, waitFor } from "./helpers";

const rt = realtimeHarness();
const { start, client } = rt;

describe(`realtime sync (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("two editors typing concurrently converge; a third client after a restart gets the same text from the rt.database", async () => {
    const f = await promptFixture(rt.database, "Hello");
    const editor = await f.member("editor");
    const server = await start();
    const a = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const b = client(server.url, f.docName, f.token(editor.user.id, "editor"));
    await Promise.all([a.synced, b.synced]);
    // Seeded once from the latest version, even though two clients opened the fresh document at the same time.
    await waitFor(() => a.text.toString() === "Hello" && b.text.toString() === "Hello", "both clients see the seed");

    // Interleaved inserts at overlapping positions, without waiting for each other.
    for (let i = 0; i < 20; i++) {
      a.text.insert(i % 3 === 0 ? 0 : a.text.length, `a${i} `);
      b.text.insert(Math.min(3, b.text.length), `b${i}|`);
      if (i % 5 === 0) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.toString().includes("a19") && a.text.toString().includes("b19"), "convergence");
    const text = a.text.toString();
    for (let i = 0; i < 20; i++) {
      expect(text).toContain(`a${i} `);
      expect(text).toContain(`b${i}|`);
    }
    expect(text).toContain("Hello".slice(0, 3));

    for (const c of rt.clients.splice(0)) c.destroy();
    await server.close();
    rt.servers.splice(0);

    const restarted = await start();
    const c = client(restarted.url, f.docName, f.token(f.owner.id, "owner"));
    await c.synced;
    await waitFor(() => c.text.toString() === text, "the third client gets the persisted text");
    expect(readMeta(c)).toEqual({ type: "text", baseVersion: 1, baseSemver: "1.0.0" });
  });

  it("when the last client leaves, the document is flushed, compacted into the snapshot and dropped from memory", async () => {
    const f = await promptFixture(rt.database, "");
    const server = await start();
    const a = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await a.synced;
    for (let i = 0; i < 30; i++) a.text.insert(a.text.length, String(i % 10));
    const typed = a.text.toString();
    expect(typed).toHaveLength(30);
    await waitFor(() => server.rt.stats().connections === 1, "the server registered the client");
    a.destroy();
    rt.clients.splice(0);
    await waitFor(() => !server.rt.isLoaded(f.docName), "the document is unloaded");
    expect(server.rt.stats()).toEqual({ documents: 0, connections: 0 });
    const persisted = await createPgPersistence(rt.database.db).load({ docName: f.docName, workspaceId: f.ws.id });
    expect(persisted.seqs).toEqual([]); // every update row folded into the snapshot
    expect(persisted.updates).toHaveLength(1);
    expect((await storedDraft(rt.database, f.docName, f.ws.id)).content).toBe(typed);
  });
});

function readMeta(c: Client) {
  return c.doc.getMap("meta").toJSON();
}
