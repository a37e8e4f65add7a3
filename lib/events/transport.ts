/**
 * How committed events reach subscribers. The dispatcher claims outbox rows and hands them to `publish`; the
 * transport delivers them to the subscribers of this process, and (in a multi-instance implementation) of
 * every other instance. Emitters never see the transport: swapping it is a change in server.ts only.
 *
 * The default, InProcessTransport, delivers to this process's EventBus and resolves once its subscribers have
 * run, which is what makes `await flushEvents()` mean "this process's caches are fresh".
 *
 * Multi-instance transports keep the same contract (RedisTransport in ./redis-transport.ts is built; server.ts uses
 * it when REDIS_URL is set):
 * - Postgres LISTEN/NOTIFY: `publish` runs `select pg_notify('promptyard_events', <outbox ids>)` (payloads stay
 *   in the outbox: NOTIFY is limited to 8000 bytes) and delivers locally as InProcessTransport does; every other
 *   instance LISTENs on one dedicated connection, reads those rows by id and calls its own `deliverLocal`.
 *   Ids already seen are skipped, so the publishing instance does not deliver twice.
 * - Redis pub/sub: the same, over a channel (ioredis), for deployments that already run Redis.
 * Remote delivery is at most once per instance (a listener that was down misses messages): subscribers that
 * keep caches must also bound staleness (a TTL) or reload on reconnect.
 */
import type { EventBus } from "./bus";
import type { DeliveredEvent } from "./types";

export interface EventTransport {
  /** Delivers one ordered batch of committed events. Resolves when this process's subscribers have run. */
  publish(batch: readonly DeliveredEvent[]): Promise<void>;
  /** Called once by the dispatcher at start (a remote transport opens its listener here). */
  start?(): Promise<void>;
  /** Releases connections; called by the dispatcher's stop(). */
  close?(): Promise<void>;
}

/** Single-process delivery: straight to the local bus. */
export class InProcessTransport implements EventTransport {
  constructor(private readonly bus: EventBus) {}

  publish(batch: readonly DeliveredEvent[]): Promise<void> {
    return this.bus.deliver(batch);
  }
}
