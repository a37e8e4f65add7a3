/**
 * The process-wide handle on the running realtime server(s), in lib/runtime's registry: Next's bundled code is a
 * different module instance than server.ts's, so a module-level variable would not be shared. Type-only imports
 * besides lib/runtime: this file is safe to import from Next route handlers and lib/ verbs (no ws, no yjs at run time).
 */
import type * as Y from "yjs";
import { runtime, runtimeKey } from "@/lib/runtime";
import type { Draft, DraftInit } from "./draft-model";

/** Draft helpers bound to the server's own yjs instance (never mix the doc with Next's bundled copy of yjs). */
export interface LiveDraft {
  read(): Draft;
  /** Sets meta.baseVersion/baseSemver in one transaction, broadcast to every client and persisted. */
  rebase(version: { number: number; semver: string }): void;
  /** Replaces the whole draft in one transaction (reset to a version), broadcast and persisted. */
  reset(init: DraftInit): void;
}

export interface WithDocOptions {
  /** Needed when the document is not in memory and the server has no way to resolve it. */
  workspaceId?: string;
}

export interface RealtimeHandle {
  invalidateMembership(workspaceId: string, userId: string): Promise<void>;
  withLoadedDoc<T>(docName: string, fn: (doc: Y.Doc, draft: LiveDraft) => T | Promise<T>, opts?: WithDocOptions): Promise<T>;
}

type Registry = { servers: RealtimeHandle[] };
const REGISTRY = runtimeKey<Registry>("realtime.registry");

function registry(): Registry {
  return runtime.get(REGISTRY, () => ({ servers: [] }));
}

export function registerRealtimeServer(server: RealtimeHandle): void {
  const r = registry();
  if (!r.servers.includes(server)) r.servers.push(server);
}

export function unregisterRealtimeServer(server: RealtimeHandle): void {
  const r = registry();
  r.servers = r.servers.filter((s) => s !== server);
}

/** The server running in this process, if any (the most recently started one). */
export function getRealtimeServer(): RealtimeHandle | undefined {
  const { servers } = registry();
  return servers[servers.length - 1];
}

/**
 * Call after a member's role changed or they were removed: forgets the cached role and re-checks their open
 * connections at once (demoted: their edits are dropped; removed: disconnected). A no-op without a server.
 */
export async function invalidateMembership(workspaceId: string, userId: string): Promise<void> {
  await Promise.all(registry().servers.map((s) => s.invalidateMembership(workspaceId, userId)));
}

/**
 * Runs fn on the live document (loading it from the database for the duration when no client has it open).
 * Changes fn makes are broadcast to every client and persisted before this resolves.
 */
export function withLoadedDoc<T>(docName: string, fn: (doc: Y.Doc, draft: LiveDraft) => T | Promise<T>, opts?: WithDocOptions): Promise<T> {
  const server = getRealtimeServer();
  if (!server) return Promise.reject(new Error("The realtime server is not running in this process."));
  return server.withLoadedDoc(docName, fn, opts);
}
