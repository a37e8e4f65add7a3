/**
 * Documents in memory: one Y.Doc + Awareness per name, loaded once (concurrent openers share the load promise),
 * held by connections and by server-side readers, and unloaded (flush, compact, drop) when the last one lets go.
 */
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { DocumentNotFoundError, type DocRef, type LoadHook } from "./persistence";
import type { UpdateQueue } from "./update-queue";
import { encodeAwarenessMessage, encodeUpdateMessage } from "./protocol";

/** A connection as the document sees it. */
export interface Peer {
  /** Awareness client ids this peer announced (removed when it leaves). */
  readonly controlled: Set<number>;
  send(message: Uint8Array): void;
}

export type DocChangeListener = (event: DocRef & { update: Uint8Array; origin: unknown }) => void;

export class LiveDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  holds = 0;
  destroyed = false;
  unloading?: Promise<void>;

  constructor(
    readonly name: string,
    readonly workspaceId: string,
  ) {
    this.awareness.setLocalState(null);
  }

  broadcast(message: Uint8Array, except?: unknown): void {
    for (const p of this.peers) if (p !== except) p.send(message);
  }
}

export interface DocumentStoreOptions {
  load: LoadHook;
  queue: UpdateQueue;
  change?: DocChangeListener;
  onError: (message: string, error: unknown) => void;
  retryDelayMs?: number;
}

export class DocumentStore {
  private docs = new Map<string, Promise<LiveDoc>>();
  private closed = false;

  constructor(private readonly opts: DocumentStoreOptions) {}

  get size(): number {
    return this.docs.size;
  }

  names(): string[] {
    return [...this.docs.keys()];
  }

  /** The loaded document (no load, no hold), if it is in memory and ready. */
  async peek(name: string): Promise<LiveDoc | undefined> {
    const p = this.docs.get(name);
    if (!p) return undefined;
    const live = await p.catch(() => undefined);
    return live && !live.destroyed ? live : undefined;
  }

  /** Loads (or joins the load of) a document and holds it; resolves only once it is FULLY loaded. */
  async acquire(name: string, workspaceId: string): Promise<LiveDoc> {
    for (;;) {
      if (this.closed) throw new Error("The realtime server is closing.");
      let loading = this.docs.get(name);
      if (!loading) {
        loading = this.load(name, workspaceId);
        this.docs.set(name, loading);
        const p = loading;
        p.catch(() => this.docs.get(name) === p && this.docs.delete(name));
      }
      const live = await loading;
      if (live.destroyed) continue; // unloaded while we waited: load it again
      // Another workspace's document under the same name: never reveal it exists.
      if (live.workspaceId !== workspaceId) throw new DocumentNotFoundError(name);
      live.holds++;
      return live;
    }
  }

  release(live: LiveDoc): void {
    live.holds--;
    this.maybeUnload(live);
  }

  private maybeUnload(live: LiveDoc): void {
    if (live.holds > 0 || live.unloading || live.destroyed) return;
    live.unloading = this.unload(live)
      .catch((e) => this.opts.onError(`unloading ${live.name} failed`, e))
      .finally(() => (live.unloading = undefined));
  }

  private async load(name: string, workspaceId: string): Promise<LiveDoc> {
    const loaded = await this.opts.load({ docName: name, workspaceId });
    const { updates } = loaded;
    const live = new LiveDoc(name, workspaceId);
    if (updates.length) {
      live.doc.transact(() => {
        for (const u of updates) Y.applyUpdate(live.doc, u);
      });
    }
    this.opts.queue.track({ docName: name, workspaceId }, loaded, () => Y.encodeStateAsUpdate(live.doc));
    // Attached after the load: persisted state is not stored again nor broadcast.
    live.doc.on("update", (update: Uint8Array, origin: unknown) => {
      try {
        this.opts.queue.push(name, update);
        live.broadcast(encodeUpdateMessage(update), origin);
        this.opts.change?.({ docName: name, workspaceId, update, origin });
      } catch (e) {
        this.opts.onError(`handling an update of ${name} failed`, e);
      }
    });
    live.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      try {
        const peer = origin as Peer | null;
        if (peer && live.peers.has(peer)) {
          for (const id of added) peer.controlled.add(id);
          for (const id of removed) peer.controlled.delete(id);
        }
        const changed = added.concat(updated, removed);
        // To the sender too: a stock y-websocket client reconnects after 30 s without any message, and the echo
        // of its own 15 s awareness renewal is all a client alone on a document ever receives.
        live.broadcast(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, changed)));
      } catch (e) {
        this.opts.onError(`relaying awareness of ${name} failed`, e);
      }
    });
    return live;
  }

  /** Flush, compact, then drop from memory, unless someone acquired the document meanwhile. */
  private async unload(live: LiveDoc): Promise<void> {
    const { queue } = this.opts;
    await queue.flush(live.name);
    if (live.holds > 0) return;
    await queue.compact(live.name);
    for (let attempt = 0; queue.pendingCount(live.name) > 0 && live.holds === 0; attempt++) {
      if (attempt === 3) {
        // The database is failing: keep the document (and its queue) and try to unload again later.
        setTimeout(() => this.maybeUnload(live), this.opts.retryDelayMs ?? 1000).unref();
        return;
      }
      await queue.flush(live.name);
    }
    if (live.holds > 0) return;
    this.drop(live);
  }

  private drop(live: LiveDoc): void {
    if (live.destroyed) return;
    live.destroyed = true;
    this.docs.delete(live.name);
    this.opts.queue.forget(live.name);
    live.awareness.destroy();
    live.doc.destroy();
  }

  /** Flushes and compacts every document, then drops them all. */
  async close(): Promise<void> {
    this.closed = true;
    const all = await Promise.all([...this.docs.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(
      all.map(async (live) => {
        if (!live || live.destroyed) return;
        await live.unloading?.catch(() => {});
        try {
          await this.opts.queue.compact(live.name);
          await this.opts.queue.flush(live.name);
        } catch (e) {
          this.opts.onError(`saving ${live.name} on close failed`, e);
        }
        if (this.opts.queue.pendingCount(live.name) > 0) this.opts.onError(`closing with unsaved updates of ${live.name}`, null);
        this.drop(live);
      }),
    );
  }
}
