import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import type { Database } from "@/db/client";
import { realtimePath } from "@/lib/realtime";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { connect, promptFixture, rawSocket, startRealtime, storedDraft, waitFor, type Client, type Running } from "./helpers";

let database: Database;
const servers: Running[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(() => database?.close());

const bytes = (...parts: (number | Uint8Array)[]) => {
  const e = encoding.createEncoder();
  for (const p of parts) {
    if (typeof p === "number") encoding.writeVarUint(e, p);
    else encoding.writeVarUint8Array(e, p);
  }
  return encoding.toUint8Array(e);
};

/** A real update from a stranger's doc, then damaged: decodes as a message, not as a Yjs update. */
function brokenUpdate(): Uint8Array {
  const d = new Y.Doc();
  d.getText("content").insert(0, "INJECTED");
  const u = Y.encodeStateAsUpdate(d);
  return u.slice(0, u.length - 6);
}

const MALFORMED: [string, Uint8Array][] = [
  ["an empty frame", new Uint8Array(0)],
  ["an unknown message type", bytes(7)],
  ["an unknown sync message type", bytes(0, 9, new Uint8Array([1, 2]))],
  ["a truncated update (length past the end)", new Uint8Array([0, 2, 50, 1, 2])],
  ["a damaged Yjs update", bytes(0, 2, brokenUpdate())],
  ["a damaged sync step 2", bytes(0, 1, brokenUpdate())],
  ["a damaged state vector", bytes(0, 0, new Uint8Array([5, 1]))],
  ["an awareness update that is not JSON", bytes(1, new Uint8Array([1, 7, 1, 3, 0x7b, 0x7b, 0x7b]))],
  ["trailing bytes after a valid message", new Uint8Array([3, 0, 0])],
];

describe(`realtime limits (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  async function setup() {
    const f = await promptFixture(database, "Stable content");
    const server = await startRealtime(database);
    servers.push(server);
    const editor = connect(server.url, f.docName, f.token(f.owner.id, "owner"));
    clients.push(editor);
    await editor.synced;
    await waitFor(() => editor.text.toString() === "Stable content", "the editor has the document");
    const url = `ws://127.0.0.1:${server.port}${realtimePath(f.docName)}?token=${f.token(f.owner.id, "owner")}`;
    const attack = async (send: (ws: import("ws").WebSocket) => void) => {
      const s = rawSocket(url);
      await s.opened;
      send(s.ws);
      return s.closed;
    };
    /** The server still serves: the editor's new text reaches a fresh client, the database matches. */
    const stillServing = async (expected: string) => {
      editor.text.insert(editor.text.length, "!");
      const fresh = connect(server.url, f.docName, f.token(f.owner.id, "owner"));
      clients.push(fresh);
      await fresh.synced;
      await waitFor(() => fresh.text.toString() === expected, `a fresh client sees "${expected}"`);
      await server.rt.flush();
      expect((await storedDraft(database, f.docName, f.ws.id)).content).toBe(expected);
      expect(editor.closes).toEqual([]);
    };
    return { f, server, editor, attack, stillServing };
  }

  it("malformed binary frames close only that connection with 1002 and never touch the document", async () => {
    const { attack, stillServing, editor } = await setup();
    for (const [what, frame] of MALFORMED) {
      const closed = await attack((ws) => ws.send(frame));
      expect(closed.code, what).toBe(1002);
    }
    expect(editor.text.toString()).toBe("Stable content");
    await stillServing("Stable content!");
  });

  it("a 10 MiB frame closes that connection (1009, over the 1 MiB limit)", async () => {
    const { attack, stillServing } = await setup();
    const closed = await attack((ws) => ws.send(bytes(0, 2, new Uint8Array(10 * 1024 * 1024))));
    expect(closed.code).toBe(1009);
    await stillServing("Stable content!");
  });

  it("a text frame closes that connection with 1003", async () => {
    const { attack, stillServing } = await setup();
    const closed = await attack((ws) => ws.send("hello"));
    expect(closed.code).toBe(1003);
    await stillServing("Stable content!");
  });

  it("a client flooding messages past the rate limit is closed with 1008", async () => {
    const { attack, stillServing } = await setup();
    const closed = await attack((ws) => {
      for (let i = 0; i < 400; i++) ws.send(new Uint8Array([3])); // query awareness, harmless one by one
    });
    expect(closed.code).toBe(1008);
    await stillServing("Stable content!");
  });
});
