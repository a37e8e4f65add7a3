import { bigserial, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { workspaces } from "./workspaces";

export const ACTOR_TYPES = ["user", "api_key", "system"] as const;

/**
 * Append-only, hash-chained per workspace: hash = sha256(prev_hash || canonical_json(event)).
 * A trigger rejects UPDATE and DELETE; verify recomputes the chain.
 */
export const auditEvents = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** 1, 2, 3... per workspace, gapless: a deleted row shows as a gap. */
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [uniqueIndex("audit_event_seq_key").on(t.workspaceId, t.seq), index("audit_event_action_idx").on(t.workspaceId, t.action)],
);

/** The head of each workspace's chain: locked while appending, so events chain in order; lets verify spot a cut tail. */
export const auditHeads = pgTable("audit_head", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
});

export type AuditEvent = typeof auditEvents.$inferSelect;
