/**
 * The process-wide bus and dispatcher, kept in lib/runtime's registry: server.ts starts the dispatcher, and the
 * verbs running in Next's bundle (a second copy of this module) find the same one. Subscribers registered in
 * either copy land on the same bus.
 */
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { runtime, runtimeKey } from "@/lib/runtime";
import { EventBus, type AnyEventHandler, type EventHandler } from "./bus";
import { EventDispatcher, type EventDispatcherOptions } from "./dispatcher";
import { InProcessTransport, type EventTransport } from "./transport";
import type { EventType } from "./types";

const BUS = runtimeKey<EventBus>("events.bus");
const DISPATCHER = runtimeKey<EventDispatcher>("events.dispatcher");

/** This process's subscribers. */
export function getEventBus(): EventBus {
  return runtime.get(BUS, () => new EventBus());
}

/** The running dispatcher, if this process started one (server.ts does; scripts and most tests do not). */
export function getDispatcher(): EventDispatcher | undefined {
  return runtime.peek(DISPATCHER);
}

/** Installs (or, with undefined, removes) the process-wide dispatcher. Tests use it to run verbs against theirs. */
export function setDispatcher(dispatcher: EventDispatcher | undefined): void {
  if (dispatcher) runtime.set(DISPATCHER, dispatcher);
  else runtime.delete(DISPATCHER);
}

/** `subscribe("label.moved", (e, meta) => ...)` or `subscribe("*", ...)`; returns the unsubscribe function. */
export function subscribe<T extends EventType>(type: T, handler: EventHandler<T>, name?: string): () => void;
export function subscribe(type: "*", handler: AnyEventHandler, name?: string): () => void;
export function subscribe(type: EventType | "*", handler: AnyEventHandler, name?: string): () => void {
  return getEventBus().subscribe(type as "*", handler, name);
}

/**
 * Waits until every event committed so far has reached this process's subscribers. Verbs call it right after
 * their transaction: `const r = await inTransaction(ctx, ...); await flushEvents(ctx); return r;`.
 *
 * With a ctx whose db is still a transaction (the verb ran inside a caller's transaction), it returns at once:
 * nothing is committed yet, and waiting here on PGlite's single connection would deadlock. The caller that
 * owns the outermost transaction flushes after its commit; the dispatcher's poll is the backstop.
 * Without a dispatcher in this process it returns at once (the rows wait for the next start).
 */
export async function flushEvents(ctx?: { db: Db }): Promise<void> {
  if (ctx && is(ctx.db, PgTransaction)) return;
  await getDispatcher()?.flush();
}

export type StartEventDispatcherOptions = Omit<EventDispatcherOptions, "transport"> & { transport?: EventTransport };

/** server.ts: creates the dispatcher (in-process transport unless given one), installs it, delivers leftovers. */
export async function startEventDispatcher(opts: StartEventDispatcherOptions): Promise<EventDispatcher> {
  const dispatcher = new EventDispatcher({ ...opts, transport: opts.transport ?? new InProcessTransport(getEventBus()) });
  setDispatcher(dispatcher);
  await dispatcher.start();
  return dispatcher;
}

/** Stops the process-wide dispatcher (shutdown), letting its pass in flight finish. */
export async function stopEventDispatcher(): Promise<void> {
  const dispatcher = getDispatcher();
  if (!dispatcher) return;
  await dispatcher.stop();
  if (getDispatcher() === dispatcher) setDispatcher(undefined);
}
