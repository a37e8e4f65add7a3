/**
 * In-process fan-out of delivered events to subscribers. One per process in production (lib/events/process.ts);
 * tests make their own. A subscriber's failure is logged (type, id, message: never the payload) and does not
 * stop the others, nor mark the event undelivered: subscribers that need retries enqueue a job (lib/jobs).
 */
import type { AppEvent, DeliveredEvent, EventMeta, EventOf, EventType } from "./types";
import { errorSummary } from "@/lib/log";

export type EventHandler<T extends EventType = EventType> = (event: EventOf<T>, meta: EventMeta) => void | Promise<void>;
export type AnyEventHandler = (event: AppEvent, meta: EventMeta) => void | Promise<void>;

export interface EventLogger {
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: EventLogger = {
  warn: (m) => console.warn(`[promptyard] ${m}`),
  error: (m) => console.error(`[promptyard] ${m}`),
};

interface Subscription {
  type: EventType | "*";
  handler: AnyEventHandler;
  name: string;
}

/** The message of an error without its payload-bearing properties (a stack is enough to debug, never the data). */
export function errorMessage(e: unknown): string {
  return errorSummary(e, 500); // a failed query's parameters are withheld (lib/log)
}

export class EventBus {
  private subs: Subscription[] = [];

  constructor(private readonly logger: EventLogger = consoleLogger) {}

  /**
   * Calls `handler` for every delivered event of `type` ("*": every type). Returns the unsubscribe function.
   * `name` appears in error logs. Handlers should be quick (cache eviction, enqueueing a job): a verb waiting
   * in flushEvents waits for them.
   */
  subscribe<T extends EventType>(type: T, handler: EventHandler<T>, name?: string): () => void;
  subscribe(type: "*", handler: AnyEventHandler, name?: string): () => void;
  subscribe(type: EventType | "*", handler: AnyEventHandler | EventHandler, name?: string): () => void {
    const sub: Subscription = { type, handler: handler as AnyEventHandler, name: name ?? (handler.name || "anonymous") };
    this.subs = [...this.subs, sub];
    return () => {
      this.subs = this.subs.filter((s) => s !== sub);
    };
  }

  /** Delivers events in order; the subscribers of one event run concurrently, each failure isolated. */
  async deliver(batch: readonly DeliveredEvent[]): Promise<void> {
    for (const { event, meta } of batch) {
      const targets = this.subs.filter((s) => s.type === "*" || s.type === event.type);
      await Promise.all(
        targets.map(async (s) => {
          try {
            await s.handler(event, meta);
          } catch (e) {
            this.logger.error(`event subscriber "${s.name}" failed on ${event.type} #${meta.id}: ${errorMessage(e)}`);
          }
        }),
      );
    }
  }

  get size(): number {
    return this.subs.length;
  }
}
