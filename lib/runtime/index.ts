/**
 * The process-wide registry: the few objects that must be ONE per process although two copies of our modules
 * run in it (server.ts's, and Next's bundled copy used by route handlers and server actions). A module-level
 * variable would exist twice; this registry lives on one `Symbol.for("promptyard.runtime")` slot of globalThis,
 * which both copies see.
 *
 * Usage (the owning module declares a typed key next to the object it owns):
 *
 *   import { runtime, runtimeKey } from "@/lib/runtime";
 *
 *   const DISPATCHER = runtimeKey<EventDispatcher>("events.dispatcher");
 *   export const getDispatcher = () => runtime.get(DISPATCHER, () => new InProcessDispatcher());
 *   export const setDispatcher = (d: EventDispatcher) => runtime.set(DISPATCHER, d); // server.ts, tests
 *
 * Keys are identified by their name (two bundles create two key objects with the same name, and must find the
 * same value), so names are namespaced by domain: "db.database", "realtime.registry", "runs.limiter",
 * "events.dispatcher", "jobs.runner", "serving.cache". Keep what goes here small: process-wide handles (pools,
 * servers, caches, in-process limiters), never request state. Anything here that is per-process in behaviour
 * (a limiter, a cache) must sit behind an interface with a multi-instance implementation (see DESIGN.md).
 *
 * No runtime dependencies and no `server-only` import: server.ts, Next's bundle, lib/realtime and tests all load it.
 */

/** A typed name for one process-wide object. `T` is carried for the type checker only. */
export interface RuntimeKey<T> {
  readonly name: string;
  /** Phantom: never set; makes RuntimeKey<A> and RuntimeKey<B> incompatible. */
  readonly __type?: (value: T) => T;
}

const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/i;

/** Declares a key. `name` is "<domain>.<object>" (e.g. "runs.limiter"). */
export function runtimeKey<T>(name: string): RuntimeKey<T> {
  if (!NAME.test(name)) throw new Error(`runtime key "${name}" must look like "<domain>.<object>"`);
  return Object.freeze({ name });
}

const SLOT = Symbol.for("promptyard.runtime");
type Slots = Map<string, unknown>;
type GlobalWithRuntime = typeof globalThis & { [SLOT]?: Slots };

function slots(): Slots {
  const g = globalThis as GlobalWithRuntime;
  return (g[SLOT] ??= new Map());
}

export interface Runtime {
  /** The object under `key`, created by `create` on first use (once per process, whichever copy asks first). */
  get<T>(key: RuntimeKey<T>, create: () => T): T;
  /** The object under `key`, or undefined when nobody created or set it. */
  peek<T>(key: RuntimeKey<T>): T | undefined;
  /** Installs (or replaces) the object under `key`: server.ts at start, tests with a fake. */
  set<T>(key: RuntimeKey<T>, value: T): void;
  /** Forgets the object under `key` (it is not closed: the caller owns its lifecycle). True when one was set. */
  delete<T>(key: RuntimeKey<T>): boolean;
  /** Names of the objects set now (diagnostics). */
  names(): string[];
}

export const runtime: Runtime = {
  get<T>(key: RuntimeKey<T>, create: () => T): T {
    const s = slots();
    if (s.has(key.name)) return s.get(key.name) as T;
    const value = create();
    s.set(key.name, value);
    return value;
  },
  peek<T>(key: RuntimeKey<T>): T | undefined {
    return slots().get(key.name) as T | undefined;
  },
  set<T>(key: RuntimeKey<T>, value: T): void {
    slots().set(key.name, value);
  },
  delete<T>(key: RuntimeKey<T>): boolean {
    return slots().delete(key.name);
  },
  names(): string[] {
    return [...slots().keys()].sort();
  },
};
