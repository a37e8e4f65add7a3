import { sql } from "drizzle-orm";
import { boolean, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { apiKeys } from "./api-keys";
import { providerConnections } from "./models";
import { promptVersions, prompts } from "./prompts";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const GENERATION_SOURCES = ["playground", "eval", "production", "api"] as const;
export type GenerationSource = (typeof GENERATION_SOURCES)[number];
export const GENERATION_STATUSES = ["success", "error"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

/**
 * One model call: the analytics fact table. Written only by lib/generations (recordGenerations).
 *
 * `cost_usd` is numeric, not float: sums over millions of rows add up exactly (1,000 x 0.0001 is 0.1). drizzle
 * reads it as a JS number (mode "number"); sum in SQL (`sum(cost_usd)`), not in JS, when the total matters.
 */
export const generations = pgTable(
  "generation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    promptId: uuid("prompt_id").references(() => prompts.id, { onDelete: "set null" }),
    promptVersionId: uuid("prompt_version_id").references(() => promptVersions.id),
    /** Draft runs have no version. */
    isDraft: boolean("is_draft").notNull().default(false),
    connectionId: uuid("connection_id").references(() => providerConnections.id, { onDelete: "set null" }),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    variables: jsonb("variables").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The rendered input sent to the model; null when a client reports a call without it. */
    input: jsonb("input").$type<unknown>(),
    output: text("output"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    costUsd: numeric("cost_usd", { precision: 20, scale: 12, mode: "number" }),
    latencyMs: integer("latency_ms"),
    timeToFirstTokenMs: integer("ttft_ms"),
    status: text("status", { enum: GENERATION_STATUSES }).notNull(),
    error: text("error"),
    /** Output validated against the version's response schema: null when there is none. */
    schemaValid: boolean("schema_valid"),
    source: text("source", { enum: GENERATION_SOURCES }).notNull(),
    runGroupId: uuid("run_group_id"),
    /** The Promptyard member who ran it (playground, runs API); null for ingestion and the system. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    /** When the row was recorded. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The client's id for the call (ingestion `id`): unique per workspace, so a retried batch is not stored twice. */
    externalId: text("external_id"),
    traceId: text("trace_id"),
    /** When the call started and ended (the client's clock for ingestion); rows from before 0005 start at created_at. */
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** The label or deployment it was served under (production, staging, eu-west...). */
    environment: text("environment"),
    /** The version hash the caller says it served: compared with the linked version's hash to spot drift. */
    servedHash: text("served_hash"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The end user's id as the calling application knows it (ingestion `userId`). */
    userRef: text("user_ref"),
  },
  (t) => [
    index("generation_workspace_created_idx").on(t.workspaceId, t.createdAt),
    index("generation_prompt_idx").on(t.promptId, t.createdAt),
    index("generation_version_idx").on(t.promptVersionId),
    uniqueIndex("generation_external_id_key").on(t.workspaceId, t.externalId).where(sql`external_id is not null`),
    index("generation_trace_idx").on(t.workspaceId, t.traceId).where(sql`trace_id is not null`),
    // "Same input" (prompt + variables) lookups for pairwise review sampling: an index probe instead of a scan of
    // every run of the prompt (jsonb's text form is canonical, so equal variables hash alike).
    index("generation_same_input_idx").on(t.promptId, sql`md5((${t.variables})::text)`),
  ],
);

export type Generation = typeof generations.$inferSelect;
export type NewGeneration = typeof generations.$inferInsert;
