/**
 * The realtime co-editing server: y-websocket protocol over `ws` + y-protocols, with token authentication before
 * the upgrade, read-only roles, live demotion, batched PostgreSQL persistence and limits. Mount it with
 * `server.on("upgrade", (req, socket, head) => realtime.handleUpgrade(req, socket, head) || other(req, socket, head))`.
 */
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Db } from "@/db/client";
import { createMembershipLookup, createMembershipLookupMany, createTokenAuthenticator, MembershipCache, memberKey, parseRealtimeUrl, RealtimeAuthError, type AuthenticateHook, type AuthorizeWriteHook, type AuthorizeWriteManyHook, type MemberRef, type RealtimeSession } from "./auth";
import { CLOSE, Connection, type ConnectionHost } from "./connection";
import { DocumentStore, type LiveDoc } from "./documents";
import { readDraft, rebaseDraft, resetDraft } from "./draft-model";
import { createPgPersistence, DocumentNotFoundError, type CompactHook, type DocRef, type LoadHook, type SeedHook, type StoreHook } from "./persistence";
import { UpdateQueue } from "./update-queue";
import { registerRealtimeServer, unregisterRealtimeServer, type RealtimeHandle, type WithDocOptions, type LiveDraft } from "./registry";
import type * as Y from "yjs";
import { logError } from "@/lib/log";

/** Called for every update accepted into a document (from a client, or from the server when session is null). */
export type ChangeHook = (event: DocRef & { update: Uint8Array; session: RealtimeSession | null }) => void;

export interface RealtimeServerOptions {
  /** Enables the default authorizeWrite (membership table) and load/store/compact (draft tables). */
  db?: Db;
  /** Key for the default authenticate (`realtimeSecret()` in the app). */
  secret?: string;
  authenticate?: AuthenticateHook;
  authorizeWrite?: AuthorizeWriteHook;
  /** Batched form of authorizeWrite for background refreshes (optional; default with `db`). */
  authorizeWriteMany?: AuthorizeWriteManyHook;
  load?: LoadHook;
  store?: StoreHook;
  compact?: CompactHook;
  /** Initial content of a document with no persisted state (used by the default load). */
  seed?: SeedHook;
  /** The workspace of a document, for withLoadedDoc on a document nobody has open. */
  resolveWorkspace?: (docName: string) => Promise<string | null>;
  change?: ChangeHook;
  /** Batch window: updates are written ~this long after arriving (default 50 ms). */
  flushDelayMs?: number;
  maxQueueBytes?: number;
  compactAfterRows?: number;
  /** How long a member's role may be cached (default 2000 ms). */
  membershipTtlMs?: number;
  /** Largest frame accepted (default 1 MiB); bigger ones close the connection with 1009. */
  maxPayload?: number;
  rateLimit?: { perSecond: number; burst: number };
  maxBufferedBytes?: number;
  /** Ping every client this often; one that missed the previous pong is dropped (default 30 s). */
  pingIntervalMs?: number;
  /** Register on the process-wide registry (default true). */
  register?: boolean;
  onError?: (message: string, error: unknown) => void;
}

export interface RealtimeServer extends RealtimeHandle {
  /** True when the request is a realtime path (and is now handled); false: pass it to someone else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Writes every queued update now. */
  flush(docName?: string): Promise<void>;
  isLoaded(docName: string): boolean;
  stats(): { documents: number; connections: number };
  /** Closes every connection (1001), flushes and compacts every document, unregisters. */
  close(): Promise<void>;
}

export function createRealtimeServer(opts: RealtimeServerOptions): RealtimeServer {
  const onError = opts.onError ?? ((m: string, e: unknown) => logError(`[realtime] ${m}`, e));
  const persistence = opts.db ? createPgPersistence(opts.db, { seed: opts.seed }) : undefined;
  const authenticate = opts.authenticate ?? (opts.secret ? createTokenAuthenticator(opts.secret) : undefined);
  const authorizeWrite = opts.authorizeWrite ?? (opts.db ? createMembershipLookup(opts.db) : undefined);
  const load = opts.load ?? persistence?.load;
  const store = opts.store ?? persistence?.store;
  const compact = opts.compact ?? persistence?.compact;
  if (!authenticate) throw new Error("createRealtimeServer: pass `secret` or an `authenticate` hook");
  if (!authorizeWrite || !load || !store) throw new Error("createRealtimeServer: pass `db` or the authorizeWrite, load and store hooks");

  const authorizeWriteMany = opts.authorizeWriteMany ?? (opts.db && !opts.authorizeWrite ? createMembershipLookupMany(opts.db) : undefined);
  const memberships = new MembershipCache(authorizeWrite, opts.membershipTtlMs ?? 2000, { lookupMany: authorizeWriteMany });
  const queue = new UpdateQueue({ store, compact }, { flushDelayMs: opts.flushDelayMs, maxQueueBytes: opts.maxQueueBytes, compactAfterRows: opts.compactAfterRows, onError });
  const documents = new DocumentStore({
    load,
    queue,
    onError,
    change: opts.change && ((e) => opts.change!({ docName: e.docName, workspaceId: e.workspaceId, update: e.update, session: e.origin instanceof Connection ? e.origin.session : null })),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 1024 * 1024, clientTracking: false, perMessageDeflate: false });
  const connections = new Set<Connection>();
  let closing = false;

  const host: ConnectionHost = {
    memberships,
    limits: { ratePerSecond: opts.rateLimit?.perSecond ?? 100, burst: opts.rateLimit?.burst ?? 200, maxBufferedBytes: opts.maxBufferedBytes ?? 16 * 1024 * 1024 },
    onError,
    onClose(conn) {
      if (!connections.delete(conn)) return;
      conn.live.peers.delete(conn);
      if (conn.controlled.size) awarenessProtocol.removeAwarenessStates(conn.live.awareness, [...conn.controlled], null);
      documents.release(conn.live);
    },
  };

  function reject(socket: Duplex, status: number, message: string): void {
    if (socket.destroyed) return;
    const body = `${message}\n`;
    socket.once("finish", () => socket.destroy());
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, docName: string, token: string | null): Promise<void> {
    if (closing) return reject(socket, 503, "Shutting down.");
    let session: RealtimeSession;
    try {
      session = await authenticate!({ docName, token, request: req });
    } catch (e) {
      if (!(e instanceof RealtimeAuthError)) onError("authenticate hook failed", e);
      return reject(socket, e instanceof RealtimeAuthError ? e.status : 401, e instanceof RealtimeAuthError ? e.message : "Unauthorized.");
    }
    const member = { userId: session.userId, workspaceId: session.workspaceId };
    memberships.invalidate(member); // a fresh read at connect
    if ((await memberships.fetch(member)) === null) return reject(socket, 403, "Not a member of this workspace.");
    let live: LiveDoc;
    try {
      live = await documents.acquire(docName, session.workspaceId);
    } catch (e) {
      if (e instanceof DocumentNotFoundError) return reject(socket, 404, "Document not found.");
      onError(`loading ${docName} failed`, e);
      return reject(socket, 500, "Could not load the document.");
    }
    let accepted = false;
    if (!closing && !socket.destroyed) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        accepted = true;
        const conn = new Connection(ws, live, session, host);
        connections.add(conn);
        live.peers.add(conn);
        conn.start();
      });
    }
    if (!accepted) {
      documents.release(live);
      if (!socket.destroyed) socket.destroy();
    }
  }

  const connectionsOf = (m: MemberRef) => [...connections].filter((c) => c.session.userId === m.userId && c.session.workspaceId === m.workspaceId);

  async function recheck(member: MemberRef): Promise<void> {
    memberships.invalidate(member);
    const conns = connectionsOf(member);
    if (!conns.length) return;
    const role = await memberships.fetch(member);
    for (const c of conns) c.applyRole(role);
  }

  // Keepalive, and a slow sweep of members' roles (catches changes made where nobody called invalidate).
  let sweeping = false;
  const ping = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      try {
        c.ws.ping();
      } catch {
        c.ws.terminate();
      }
    }
    if (sweeping || !connections.size) return;
    sweeping = true;
    const members = new Map<string, MemberRef>();
    for (const c of connections) members.set(memberKey(c.member), c.member);
    memberships
      .fetchMany([...members.values()])
      .then((roles) => {
        for (const c of connections) {
          const role = roles.get(memberKey(c.member));
          if (role !== undefined) c.applyRole(role);
        }
      })
      .catch((e) => onError("re-checking memberships failed", e))
      .finally(() => (sweeping = false));
  }, opts.pingIntervalMs ?? 30_000);
  ping.unref();

  const server: RealtimeServer = {
    handleUpgrade(req, socket, head) {
      const parsed = parseRealtimeUrl(req.url);
      if (!parsed) return false;
      socket.on("error", () => {}); // a client vanishing mid-handshake must not crash the process
      upgrade(req, socket, head, parsed.docName, parsed.token).catch((e) => {
        onError("upgrade failed", e);
        reject(socket, 500, "Internal error.");
      });
      return true;
    },

    invalidateMembership: (workspaceId, userId) => recheck({ workspaceId, userId }).catch((e) => onError("invalidating a membership failed", e)),

    async withLoadedDoc<T>(docName: string, fn: (doc: Y.Doc, draft: LiveDraft) => T | Promise<T>, o?: WithDocOptions): Promise<T> {
      const workspaceId = o?.workspaceId ?? (await documents.peek(docName))?.workspaceId ?? (await opts.resolveWorkspace?.(docName));
      if (!workspaceId) throw new DocumentNotFoundError(docName);
      const live = await documents.acquire(docName, workspaceId);
      try {
        const draft: LiveDraft = { read: () => readDraft(live.doc), rebase: (v) => rebaseDraft(live.doc, v), reset: (init) => resetDraft(live.doc, init) };
        const result = await fn(live.doc, draft);
        await queue.flush(docName);
        return result;
      } finally {
        documents.release(live);
      }
    },

    flush: async (docName) => (docName ? queue.flush(docName) : queue.flushAll()),
    isLoaded: (docName) => documents.names().includes(docName),
    stats: () => ({ documents: documents.size, connections: connections.size }),

    async close() {
      if (closing) return;
      closing = true;
      clearInterval(ping);
      unregisterRealtimeServer(server);
      for (const c of [...connections]) c.close(CLOSE.goingAway, "server shutting down");
      await documents.close();
      memberships.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  if (opts.register !== false) registerRealtimeServer(server);
  return server;
}
