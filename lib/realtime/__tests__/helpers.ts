import { afterAll, afterEach, beforeAll } from "vitest";
import { createTestDatabase } from "@/lib/test/db";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Database } from "@/db/client";
import type { Role } from "@/db/schema";
import { createPrompt } from "@/lib/prompts";
import { uniq } from "@/lib/test/db";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { createAppRealtimeServer, createPgPersistence, mintRealtimeToken, promptDocName, readDraft, type RealtimeServer, type RealtimeServerOptions } from "@/lib/realtime";

export const SECRET = "test-realtime-secret-0123456789abcdef";

export interface Running {
  rt: RealtimeServer;
  http: Server;
  port: number;
  /** Server URL for WebsocketProvider (it appends "/<doc>"). */
  url: string;
  close(): Promise<void>;
}

/** The app's realtime server behind a plain http server on port 0. */
export async function startRealtime(database: Database, opts: Partial<RealtimeServerOptions> = {}): Promise<Running> {
  const rt = createAppRealtimeServer({ db: database.db, secret: SECRET, onError: () => {}, ...opts });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    if (!rt.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  let closed = false;
  return {
    rt,
    http,
    port,
    url: `ws://127.0.0.1:${port}/realtime`,
    async close() {
      if (closed) return;
      closed = true;
      await rt.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface Client {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  synced: Promise<void>;
  /** Close codes the server sent, in order. */
  closes: number[];
  destroy(): void;
}

/** A stock y-websocket client in Node (ws polyfill, no BroadcastChannel: every byte goes through the server). */
export function connect(url: string, docName: string, token: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    maxBackoffTime: 200,
  });
  const closes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (s: boolean) => s && resolve());
  });
  return {
    doc,
    text: doc.getText("content"),
    provider,
    synced,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `cond` holds; fails with `what` after `timeoutMs` (generous: it bounds a failing test, it does not time a passing one). */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A raw ws client, for what the provider hides: HTTP status of a refused upgrade, close codes, odd frames. */
export function rawSocket(url: string): { ws: WebSocket; opened: Promise<void>; status: Promise<number>; closed: Promise<{ code: number; reason: string }> } {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  opened.catch(() => {});
  const status = new Promise<number>((resolve) => {
    ws.once("open", () => resolve(101));
    ws.once("unexpected-response", (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  return { ws, opened, status, closed };
}

/** A workspace with a text prompt, its document name, and members by role. */
export async function promptFixture(database: Database, content = "Hello {{name}}") {
  const { ctx, owner, ws } = await makeWorkspace(database);
  const { prompt } = await createPrompt({ ctx, input: { slug: uniq("p"), type: "text", content, message: "first" } });
  const docName = promptDocName(prompt.id);
  const token = (userId: string, role: Role, doc = docName, workspaceId = ws.id) => mintRealtimeToken({ userId, workspaceId, doc, role }, SECRET);
  const member = (role: Role) => addMember(database, ctx, role);
  return { ctx, owner, ws, prompt, docName, token, member };
}

/** What the database holds for a document right now (snapshot + update rows), as a draft. */
export async function storedDraft(database: Database, docName: string, workspaceId: string) {
  const { updates } = await createPgPersistence(database.db).load({ docName, workspaceId });
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  const draft = readDraft(doc);
  doc.destroy();
  return draft;
}

/**
 * One test file's database, servers and clients: a fresh database for the file, servers and clients closed after
 * every test. Call at the top level of a test file.
 */
export function realtimeHarness() {
  const servers: Running[] = [];
  const clients: Client[] = [];
  const rt = {
    database: undefined as unknown as Database,
    /** Open servers and clients; a test that closes some itself removes them here. */
    servers,
    clients,
    async start(opts: Partial<RealtimeServerOptions> = {}) {
      const s = await startRealtime(rt.database, opts);
      servers.push(s);
      return s;
    },
    client(url: string, doc: string, token: string) {
      const c = connect(url, doc, token);
      clients.push(c);
      return c;
    },
  };
  beforeAll(async () => {
    rt.database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
  });
  afterAll(() => rt.database?.close());
  return rt;
}
