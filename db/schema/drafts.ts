import { bigserial, customType, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Yjs updates are binary. */
export const bytea = customType<{ data: Uint8Array; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
});

/**
 * Live co-edited drafts (one Yjs document per prompt, named "prompt:<id>"). Updates are appended as they arrive
 * (batched) and folded into the snapshot by compaction; load = snapshot + updates in seq order.
 */
export const draftUpdates = pgTable(
  "draft_update",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    doc: text("doc").notNull(),
    workspaceId: text("workspace_id").notNull(),
    update: bytea("update").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("draft_update_doc_idx").on(t.doc, t.seq)],
);

export const draftSnapshots = pgTable("draft_snapshot", {
  doc: text("doc").primaryKey(),
  workspaceId: text("workspace_id").notNull(),
  state: bytea("state").notNull(),
  /** Highest draft_update.seq folded into `state`. */
  upToSeq: integer("up_to_seq").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
