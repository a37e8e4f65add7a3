import "server-only";
import type { Renderable } from "@/lib/prompts";
import { subscribe } from "@/lib/events";
import { runtime, runtimeKey } from "@/lib/runtime";
import { ServingCache, type CacheOptions } from "./cache";
import { KeyCache } from "./keys";

/** A served GET, ready to write: the JSON bytes and the ETag. */
export interface CachedServe {
  body: string;
  etag: string;
  headers: Readonly<Record<string, string>>;
}

export type CachedValue = { kind: "get"; serve: CachedServe } | { kind: "render"; renderable: Renderable };

export interface ServingState {
  cache: ServingCache<CachedValue>;
  keys: KeyCache;
  /** Unsubscribes from lib/events. */
  off(): void;
}

const STATE = runtimeKey<ServingState>("serving.cache");

/**
 * Turns the hot path's caches on for this process: server.ts calls it once the event dispatcher runs (without
 * one, nothing would evict: scripts and tests that do not start one serve straight from the database). Both
 * copies of this module (server.ts's and Next's bundle) find the same caches through lib/runtime.
 */
export function enableServingCache(opts: CacheOptions & { keyRecheckMs?: number } = {}): ServingState {
  const existing = runtime.peek(STATE);
  if (existing) return existing;
  const cache = new ServingCache<CachedValue>(opts);
  const keys = new KeyCache({ recheckMs: opts.keyRecheckMs, now: opts.now });
  const evict = (e: { workspaceId: string; slug: string }) => cache.evictSlug(e.workspaceId, e.slug);
  const offs = [
    subscribe("version.created", evict, "serving.version-created"),
    subscribe("label.moved", evict, "serving.label-moved"),
    subscribe("prompt.archived", evict, "serving.prompt-archived"),
    subscribe("prompt.unarchived", evict, "serving.prompt-unarchived"),
    subscribe("prompt.updated", evict, "serving.prompt-updated"),
    subscribe("api_key.revoked", (e) => keys.evictKey(e.keyId), "serving.api-key-revoked"),
  ];
  const state: ServingState = { cache, keys, off: () => offs.forEach((off) => off()) };
  runtime.set(STATE, state);
  return state;
}

/** Turns the caches off again (tests; shutdown). */
export function disableServingCache(): void {
  const state = runtime.peek(STATE);
  if (!state) return;
  state.off();
  runtime.delete(STATE);
}

export function servingState(): ServingState | undefined {
  return runtime.peek(STATE);
}

/**
 * The entry under `key` for this workspace, or `load()`'s result stored there (with the slugs it depends on and its
 * size). Without the cache (scripts, tests without a dispatcher) it loads every time. A fill that raced with an
 * eviction is returned but not stored: the generation taken before loading no longer matches.
 */
export async function cachedOrLoad<K extends CachedValue["kind"]>(
  workspaceId: string,
  key: string,
  kind: K,
  load: () => Promise<Extract<CachedValue, { kind: K }>>,
  meta: (value: Extract<CachedValue, { kind: K }>) => { deps: readonly string[]; bytes: number },
): Promise<Extract<CachedValue, { kind: K }>> {
  const state = servingState();
  const cached = state?.cache.get(workspaceId, key);
  if (cached?.kind === kind) return cached as Extract<CachedValue, { kind: K }>;
  const generation = state?.cache.generation(workspaceId) ?? 0;
  const value = await load();
  state?.cache.set(workspaceId, key, value, { ...meta(value), generation });
  return value;
}
