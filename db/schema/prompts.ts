import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { users } from "./users";
import { workspaces, ROLES } from "./workspaces";
import { apiKeys } from "./api-keys";

export const PROMPT_TYPES = ["text", "chat"] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

export const CHAT_ROLES = ["system", "user", "assistant"] as const;
export type ChatMessage = { role: (typeof CHAT_ROLES)[number]; content: string };
/** A text prompt's content is a string; a chat prompt's is a list of messages. */
export type PromptContent = string | ChatMessage[];

export interface PromptConfig {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  /** JSON Schema the model's output must match. */
  responseSchema?: Record<string, unknown>;
}

export const prompts = pgTable(
  "prompt",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    type: text("type", { enum: PROMPT_TYPES }).notNull(),
    description: text("description").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Reusable: other prompts include it with {{> slug}}. */
    isComponent: boolean("is_component").notNull().default(false),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** Highest version number; bumped under the row lock, so numbers are gapless. */
    latestVersion: integer("latest_version").notNull().default(0),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("prompt_workspace_slug_key").on(t.workspaceId, t.slug), index("prompt_workspace_updated_idx").on(t.workspaceId, t.updatedAt)],
);

/** IMMUTABLE: a trigger rejects UPDATE and DELETE. */
export const promptVersions = pgTable(
  "prompt_version",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    promptId: uuid("prompt_id")
      .notNull()
      .references(() => prompts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    semver: text("semver").notNull(),
    content: jsonb("content").$type<PromptContent>().notNull(),
    config: jsonb("config").$type<PromptConfig>().notNull(),
    variables: text("variables").array().notNull(),
    /** Components included ({{> slug}} / {{> slug@label}}), as written. */
    includes: text("includes").array().notNull().default(sql`'{}'::text[]`),
    hash: text("hash").notNull(),
    message: text("message").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    authorKeyId: uuid("author_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    parentId: uuid("parent_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("prompt_version_number_key").on(t.promptId, t.number), index("prompt_version_workspace_idx").on(t.workspaceId)],
);

/** A movable pointer name -> version per prompt. `latest` is not stored: it is the highest version. */
export const labels = pgTable(
  "label",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    promptId: uuid("prompt_id")
      .notNull()
      .references(() => prompts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    versionId: uuid("version_id").references(() => promptVersions.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("label_prompt_name_key").on(t.promptId, t.name)],
);

export const LABEL_EVENT_KINDS = ["promote", "rollback"] as const;

/** Every label move, append-only: answers "what did production point to at <time>" exactly. */
export const labelEvents = pgTable(
  "label_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    promptId: uuid("prompt_id")
      .notNull()
      .references(() => prompts.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    kind: text("kind", { enum: LABEL_EVENT_KINDS }).notNull(),
    fromVersionId: uuid("from_version_id").references(() => promptVersions.id),
    toVersionId: uuid("to_version_id")
      .notNull()
      .references(() => promptVersions.id),
    reason: text("reason").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorKeyId: uuid("actor_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index("label_event_lookup_idx").on(t.promptId, t.label, t.at)],
);

/**
 * Per label name, per workspace: who may move it. `requiredApprovals` and `requiredEvalSuiteId` are the gates the
 * evals issue enforces; they live on the same policy object.
 */
export const labelPolicies = pgTable(
  "label_policy",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    minRole: text("min_role", { enum: ROLES }).notNull(),
    requiredApprovals: integer("required_approvals").notNull().default(0),
    requiredEvalSuiteId: uuid("required_eval_suite_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("label_policy_key").on(t.workspaceId, t.label)],
);

export type Prompt = typeof prompts.$inferSelect;
export type PromptVersion = typeof promptVersions.$inferSelect;
export type Label = typeof labels.$inferSelect;
export type LabelEvent = typeof labelEvents.$inferSelect;
export type LabelPolicy = typeof labelPolicies.$inferSelect;
