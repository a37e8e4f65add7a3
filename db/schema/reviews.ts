import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { generations } from "./generations";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const REVIEW_VERDICTS = ["up", "down", "A", "B", "tie"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];
export const QUEUE_MODES = ["single", "pairwise"] as const;

/** A rubric label: name plus its options, e.g. { name: "tone", options: ["on-brand", "off-brand", "unsure"] }. */
export type RubricLabel = { name: string; options: string[] };
/** Which new generations a queue keeps sampling (production ones included). */
export type QueueFilter = { promptId?: string; versionIds?: string[]; models?: string[]; sources?: string[]; from?: string; to?: string };

export const reviewQueues = pgTable(
  "review_queue",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    instructions: text("instructions").notNull().default(""),
    mode: text("mode", { enum: QUEUE_MODES }).notNull().default("single"),
    /** Version, label and model are hidden from reviewers, in pages and in every response. */
    blind: boolean("blind").notNull().default(false),
    reviewsPerItem: integer("reviews_per_item").notNull().default(1),
    rubric: jsonb("rubric").$type<RubricLabel[]>().notNull().default(sql`'[]'::jsonb`),
    allowComment: boolean("allow_comment").notNull().default(true),
    /** null: hand-picked items only. */
    filter: jsonb("filter").$type<QueueFilter>(),
    samplingRate: doublePrecision("sampling_rate").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("review_queue_workspace_idx").on(t.workspaceId)],
);

/** Reviewers assigned to a queue; none assigned = every reviewer-or-higher member may take work. */
export const reviewQueueAssignees = pgTable(
  "review_queue_assignee",
  {
    queueId: uuid("queue_id")
      .notNull()
      .references(() => reviewQueues.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] })],
);

export const reviewItems = pgTable(
  "review_item",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    queueId: uuid("queue_id")
      .notNull()
      .references(() => reviewQueues.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    /** Pairwise: the second output for the same input. */
    generationBId: uuid("generation_b_id").references(() => generations.id, { onDelete: "cascade" }),
    /** Pairwise: when true the reviewer sees generation B on the left (sides randomised per item). */
    swapped: boolean("swapped").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("review_item_queue_idx").on(t.queueId, t.createdAt), uniqueIndex("review_item_key").on(t.queueId, t.generationId, t.generationBId)],
);

/** A reviewer's hold on one review slot of an item; expires so abandoned work returns to the pool. */
export const reviewLeases = pgTable(
  "review_lease",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => reviewItems.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("review_lease_item_idx").on(t.itemId, t.expiresAt), uniqueIndex("review_lease_item_user_key").on(t.itemId, t.userId)],
);

/** A human verdict on a generation: playground thumbs (no item) or a queue review (item). */
export const reviews = pgTable(
  "review",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    generationId: uuid("generation_id")
      .notNull()
      .references(() => generations.id, { onDelete: "cascade" }),
    queueId: uuid("queue_id").references(() => reviewQueues.id, { onDelete: "cascade" }),
    itemId: uuid("item_id").references(() => reviewItems.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    verdict: text("verdict", { enum: REVIEW_VERDICTS }).notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    comment: text("comment"),
    source: text("source").notNull().default("playground"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("review_generation_idx").on(t.generationId),
    // One playground verdict per person and output; one review per person and queue item.
    uniqueIndex("review_playground_key").on(t.generationId, t.reviewerId, t.source).where(sql`item_id is null`),
    uniqueIndex("review_item_reviewer_key").on(t.itemId, t.reviewerId),
  ],
);

export type Review = typeof reviews.$inferSelect;
export type ReviewQueue = typeof reviewQueues.$inferSelect;
export type ReviewItem = typeof reviewItems.$inferSelect;
