/**
 * Multi-instance delivery over Redis pub/sub (REDIS_URL): every instance that shares the database and the Redis
 * gets every committed event, whichever instance's dispatcher claimed the outbox row.
 *
 * - `publish`: sends the batch on the channel first, then delivers it to this process's bus. When Redis refuses,
 *   it throws before anything was delivered, so the dispatcher's claim expires and the rows are retried: no
 *   instance sees a batch twice because of a Redis failure.
 * - Other instances receive it on their subscriber connection and deliver it to their bus; a message an instance
 *   sent itself is skipped (it already delivered locally).
 * - Pub/sub is at most once per listener: while an instance's subscriber connection is down it misses messages.
 *   `onGap` runs whenever the subscriber (re)subscribes after the first time, so caches can drop everything they
 *   hold instead of serving something an event they missed would have evicted.
 *
 * Payloads carry no secrets (lib/events/types.ts), so they may cross Redis as they are.
 */
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import type { EventBus } from "./bus";
import type { EventTransport } from "./transport";
import type { DeliveredEvent } from "./types";

export interface RedisTransportOptions {
  url: string;
  /** Default "promptyard:events"; instances of one deployment share it (a prefix separates deployments). */
  channel?: string;
  /** Called when this instance may have missed events (its subscriber reconnected). */
  onGap?: () => void;
  logger?: Pick<Console, "error" | "warn">;
}

interface Wire {
  from: string;
  batch: DeliveredEvent[];
}

export class RedisTransport implements EventTransport {
  /** Tells this instance's messages from the others'. */
  readonly instanceId = randomUUID();
  private readonly channel: string;
  private readonly logger: Pick<Console, "error" | "warn">;
  private publisher?: Redis;
  private subscriber?: Redis;
  private subscribedOnce = false;

  constructor(
    private readonly bus: EventBus,
    private readonly opts: RedisTransportOptions,
  ) {
    this.channel = opts.channel ?? "promptyard:events";
    this.logger = opts.logger ?? console;
  }

  async start(): Promise<void> {
    // Fail fast while Redis is down (the dispatcher retries the rows), reconnect in the background.
    const name = `promptyard-events-${this.instanceId.slice(0, 8)}`;
    this.publisher = new Redis(this.opts.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, connectionName: `${name}-pub` });
    this.subscriber = new Redis(this.opts.url, { lazyConnect: true, connectionName: `${name}-sub` });
    // Never log the URL: it may hold a password.
    this.publisher.on("error", () => {});
    this.subscriber.on("error", (e: Error) => this.logger.warn(`[events] redis subscriber: ${e.message}`));
    this.subscriber.on("message", (channel: string, text: string) => {
      if (channel === this.channel) void this.receive(text);
    });
    // ioredis re-subscribes by itself after a reconnect; each "ready" after the first means a window was missed.
    this.subscriber.on("ready", () => {
      if (this.subscribedOnce) this.opts.onGap?.();
    });
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(this.channel);
    this.subscribedOnce = true;
  }

  async publish(batch: readonly DeliveredEvent[]): Promise<void> {
    if (!this.publisher) throw new Error("RedisTransport.publish before start()");
    const wire: Wire = { from: this.instanceId, batch: [...batch] };
    await this.publisher.publish(this.channel, JSON.stringify(wire));
    await this.bus.deliver(batch);
  }

  async close(): Promise<void> {
    await Promise.all(
      [this.subscriber, this.publisher].map((c) => c?.quit().catch(() => c.disconnect())),
    );
    this.subscriber = this.publisher = undefined;
  }

  private async receive(text: string): Promise<void> {
    let wire: Wire;
    try {
      wire = JSON.parse(text) as Wire;
    } catch {
      this.logger.warn("[events] ignored a message on the events channel that is not JSON");
      return;
    }
    if (wire.from === this.instanceId || !Array.isArray(wire.batch)) return;
    // JSON turned the dates into strings.
    const batch = wire.batch.map((d) => ({ event: d.event, meta: { ...d.meta, occurredAt: new Date(d.meta.occurredAt) } }));
    try {
      await this.bus.deliver(batch);
    } catch (e) {
      this.logger.error(`[events] delivering ${batch.length} remote event(s) failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
