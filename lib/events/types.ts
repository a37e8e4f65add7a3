/**
 * The domain events: one zod schema per type, a discriminated union on `type`. Every event names its workspace
 * and the ids a subscriber needs to act without reading back (the serving cache evicts `(workspaceId, slug)`,
 * webhooks send the payload as is). Payloads never carry secrets (no key hashes, no content): they are stored
 * in the outbox, logged by type and id, and may leave the process through a transport or a webhook.
 *
 * Adding a type: add its schema to EVENT_SCHEMAS, emit it with `emit(ctx, ...)` in the mutation's transaction.
 * Changing a type: add fields as optional (rows emitted by the previous release may still be undelivered).
 */
import { z } from "zod";

const Id = z.uuid();
const Slug = z.string().min(1).max(200);
const VersionNumber = z.number().int().min(1);

export const EVENT_SCHEMAS = {
  /**
   * A prompt got a new immutable version (commit, revert, or a new prompt's v1). `latest` is not stored: it is
   * the highest version, so this event also means "`latest` of this prompt now points at `version`"; no
   * separate label.moved is emitted for it.
   */
  "version.created": z.object({
    promptId: Id,
    slug: Slug,
    versionId: Id,
    version: VersionNumber,
    semver: z.string().max(100),
    hash: z.string().max(128),
    /** The version `latest` pointed at before (null for a new prompt). */
    previousLatest: VersionNumber.nullable(),
  }),
  /** A label (environment) now points at another version: promotion or rollback. */
  "label.moved": z.object({
    promptId: Id,
    slug: Slug,
    label: z.string().min(1).max(100),
    fromVersion: VersionNumber.nullable(),
    toVersion: VersionNumber,
    kind: z.enum(["promote", "rollback"]),
    /** The label_event row recording the move (history, "what was in production at ..."). */
    labelEventId: z.number().int(),
  }),
  /** A prompt was archived (hidden from lists, commits blocked); its versions stay servable by number. */
  "prompt.archived": z.object({ promptId: Id, slug: Slug }),
  "prompt.unarchived": z.object({ promptId: Id, slug: Slug }),
  /** A prompt's settings changed in a way that changes what it serves or renders (the component flag). */
  "prompt.updated": z.object({ promptId: Id, slug: Slug }),
  /**
   * A deployment has served something other than its label's version (behind, or content matching no version)
   * for longer than PROMPTYARD_DRIFT_ALERT_MINUTES. Once per drift: it fires again only after an in-sync spell.
   */
  "drift.detected": z.object({
    deploymentId: Id,
    deployment: z.string().max(200),
    environment: z.string().max(100),
    slug: Slug,
    status: z.enum(["behind", "unknown_content"]),
    reportedHash: z.string().max(128),
    reportedVersion: VersionNumber.nullable(),
    expectedVersion: VersionNumber.nullable(),
    since: z.string(),
  }),
  /** An API key stopped working. Never the key or its hash: the id and the displayed prefix only. */
  "api_key.revoked": z.object({ keyId: Id, prefix: z.string().max(40) }),
  /** A member left or was removed: their sessions and live-draft connections lose access at once. */
  "member.removed": z.object({ userId: Id, role: z.string().max(20), self: z.boolean() }),
  /** A member's role changed: their open live-draft connections switch to the new rights at once. */
  "member.role_changed": z.object({ userId: Id, from: z.string().max(20), to: z.string().max(20) }),
} as const;

type Schemas = typeof EVENT_SCHEMAS;
export type EventType = keyof Schemas;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

/** The fields an emitter supplies for one type (the workspace comes from the emitter's ctx). */
export type EventInputOf<T extends EventType> = { type: T } & z.input<Schemas[T]>;
/** What `emit` accepts: any one of the types, discriminated on `type`. */
export type EventInput = { [T in EventType]: EventInputOf<T> }[EventType];

/** A delivered event of one type. */
export type EventOf<T extends EventType> = { type: T; workspaceId: string } & z.output<Schemas[T]>;
/** A delivered event: narrow with `switch (event.type)`. */
export type AppEvent = { [T in EventType]: EventOf<T> }[EventType];

/** Delivery details, beside the event (kept out of it so no field name can collide). */
export interface EventMeta {
  /** The outbox row id: unique, increasing in emit order within a process (not a strict global order). */
  id: number;
  occurredAt: Date;
  actor: { type: "user" | "api_key" | "system"; id: string | null };
  /** 1 normally; more when a dispatcher died mid-delivery and the row was delivered again. */
  attempt: number;
}

export interface DeliveredEvent {
  event: AppEvent;
  meta: EventMeta;
}

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}

/** Validates an emitter's fields; returns the stored payload (everything but `type`). */
export function parseEventPayload(type: EventType, fields: Record<string, unknown>): Record<string, unknown> {
  const parsed = EVENT_SCHEMAS[type].safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TypeError(`Invalid ${type} event: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return parsed.data as Record<string, unknown>;
}

/** Rebuilds a delivered event from an outbox row; null when the row does not match its schema (logged by the caller). */
export function eventFromRow(row: { type: string; workspaceId: string; payload: unknown }): AppEvent | null {
  if (!isEventType(row.type)) return null;
  const parsed = EVENT_SCHEMAS[row.type].safeParse(row.payload);
  if (!parsed.success) return null;
  return { ...(parsed.data as object), type: row.type, workspaceId: row.workspaceId } as AppEvent;
}
