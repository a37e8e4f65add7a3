/**
 * Domain events after commit (a transactional outbox). Read lib/events/dispatcher.ts first.
 *
 *   // in a verb, inside its transaction, beside appendAudit:
 *   await emit(tx, { type: "label.moved", promptId, slug, label, fromVersion, toVersion, kind, labelEventId });
 *   // after the verb's own transaction has committed (a no-op inside a caller's transaction):
 *   await flushEvents(ctx);
 *   // anywhere in the process (serving cache, webhooks):
 *   const off = subscribe("label.moved", (event, meta) => cache.evict(event.workspaceId, event.slug));
 *   // server.ts:
 *   await startEventDispatcher({ db });  ...  await stopEventDispatcher();
 */
export { emit } from "./emit";
export { flushEvents, getDispatcher, getEventBus, setDispatcher, startEventDispatcher, stopEventDispatcher, subscribe, type StartEventDispatcherOptions } from "./process";
export { EventDispatcher, type EventDispatcherOptions } from "./dispatcher";
export { EventBus, type AnyEventHandler, type EventHandler, type EventLogger } from "./bus";
export { InProcessTransport, type EventTransport } from "./transport";
export { RedisTransport, type RedisTransportOptions } from "./redis-transport";
export { EVENT_SCHEMAS, EVENT_TYPES, isEventType, type AppEvent, type DeliveredEvent, type EventInput, type EventMeta, type EventOf, type EventType } from "./types";
export { DELIVERED_EVENT_RETENTION_DAYS, eventsPruneJob, pruneDeliveredEvents } from "./retention";
