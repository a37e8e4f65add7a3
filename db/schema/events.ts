import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { workspaces } from "./workspaces";

/**
 * The transactional outbox of domain events (lib/events). A mutation inserts its event here in its own
 * transaction, beside its audit event; the dispatcher delivers committed rows to subscribers and stamps
 * `delivered_at`. A rolled-back mutation leaves no row, so it delivers nothing; a crash between commit and
 * delivery leaves an undelivered row that the next start (or another instance) picks up.
 */
export const eventOutbox = pgTable(
  "event_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** "label.moved", "version.created", ... (lib/events/types.ts). */
    type: text("type").notNull(),
    /** The event's own fields, validated by its zod schema on emit and again on delivery. Never secrets. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    actorType: text("actor_type", { enum: ["user", "api_key", "system"] }).notNull(),
    actorId: text("actor_id"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Set once subscribers have run; null = still to deliver. */
    deliveredAt: timestamp("delivered_at", { withTimezone: true, precision: 3 }),
    /** The dispatcher delivering it now, until `claimed_until` (a dead dispatcher's claim expires). */
    claimedBy: text("claimed_by"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true, precision: 3 }),
    /** How many times a dispatcher claimed it (more than 1 means a dispatcher died mid-delivery). */
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [
    // The dispatcher's scan: only the (few) undelivered rows are indexed.
    index("event_outbox_pending_idx").on(t.id).where(sql`${t.deliveredAt} is null`),
    // Retention deletes delivered rows by age.
    index("event_outbox_delivered_idx").on(t.deliveredAt).where(sql`${t.deliveredAt} is not null`),
  ],
);

export type EventOutboxRow = typeof eventOutbox.$inferSelect;
