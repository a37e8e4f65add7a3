/**
 * The serving cache: what `GET /api/v1/prompts/{slug}` and `render` answered, per workspace, kept until an event
 * says it changed (no TTL inside a process: lib/events delivers version.created / label.moved / prompt.* before
 * the mutating request answers, so a read right after a move sees the move).
 *
 * Entries name the slugs they depend on (the prompt, and for renders every component it included), so one event
 * evicts exactly what it can have changed. Fills race with evictions: a reader that loaded from the database
 * before an eviction must not store what it loaded after it. Each workspace has a generation, bumped by every
 * eviction; a fill takes the generation before reading and stores only if it is unchanged.
 *
 * Bounded: least recently used entries go first beyond `maxEntries` or `maxBytes`, so a client asking for
 * endless `?at=` instants cannot grow the process. `maxAgeMs` bounds staleness only across instances (an event is
 * delivered to the instance that claims it; see lib/events/transport.ts): within one, eviction is immediate.
 */

export interface CacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** Cross-instance backstop (default 60 s); 0 = never expire. */
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry<V> {
  workspaceId: string;
  deps: readonly string[];
  value: V;
  bytes: number;
  storedAt: number;
}

export class ServingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** `${workspaceId}\0${slug}` -> keys of the entries depending on it. */
  private readonly bySlug = new Map<string, Set<string>>();
  private readonly generations = new Map<string, number>();
  /** Bumped by clear(): invalidates every fill in flight, in workspaces with entries or without. */
  private epoch = 0;
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(opts: CacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 20_000;
    this.maxBytes = opts.maxBytes ?? 128 * 1024 * 1024;
    this.maxAgeMs = opts.maxAgeMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Take before reading the database; pass to `set`. */
  generation(workspaceId: string): number {
    return this.epoch * 2 ** 32 + (this.generations.get(workspaceId) ?? 0);
  }

  get(workspaceId: string, key: string): V | undefined {
    const k = `${workspaceId}\0${key}`;
    const e = this.entries.get(k);
    if (!e) {
      this.misses++;
      return undefined;
    }
    if (this.maxAgeMs && this.now() - e.storedAt > this.maxAgeMs) {
      this.remove(k);
      this.misses++;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the LRU victim.
    this.entries.delete(k);
    this.entries.set(k, e);
    this.hits++;
    return e.value;
  }

  /** Stores unless an eviction in this workspace happened since `generation` was taken. Returns whether it stored. */
  set(workspaceId: string, key: string, value: V, opts: { deps: readonly string[]; bytes: number; generation: number }): boolean {
    if (this.generation(workspaceId) !== opts.generation) return false;
    if (opts.bytes > this.maxBytes / 4) return false; // one huge entry must not flush everything else
    const k = `${workspaceId}\0${key}`;
    this.remove(k);
    this.entries.set(k, { workspaceId, deps: opts.deps, value, bytes: opts.bytes, storedAt: this.now() });
    this.bytes += opts.bytes;
    for (const slug of opts.deps) {
      const d = `${workspaceId}\0${slug}`;
      let set = this.bySlug.get(d);
      if (!set) this.bySlug.set(d, (set = new Set()));
      set.add(k);
    }
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    return true;
  }

  /** Everything that depends on `slug` in the workspace goes; fills in flight there are not stored. */
  evictSlug(workspaceId: string, slug: string): void {
    this.bump(workspaceId);
    const d = `${workspaceId}\0${slug}`;
    const keys = this.bySlug.get(d);
    if (!keys) return;
    for (const k of [...keys]) this.remove(k);
    this.bySlug.delete(d);
  }

  evictWorkspace(workspaceId: string): void {
    this.bump(workspaceId);
    for (const [k, e] of [...this.entries]) if (e.workspaceId === workspaceId) this.remove(k);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.bySlug.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private bump(workspaceId: string): void {
    this.generations.set(workspaceId, (this.generations.get(workspaceId) ?? 0) + 1);
  }

  private remove(k: string): void {
    const e = this.entries.get(k);
    if (!e) return;
    this.entries.delete(k);
    this.bytes -= e.bytes;
    for (const slug of e.deps) {
      const d = `${e.workspaceId}\0${slug}`;
      const set = this.bySlug.get(d);
      set?.delete(k);
      if (set && set.size === 0) this.bySlug.delete(d);
    }
  }
}
