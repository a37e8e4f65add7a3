import { boolean, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { prompts } from "./prompts";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const PROVIDER_KINDS = ["openai", "anthropic", "google", "openai-compatible"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** A workspace's connection to a model provider. The API key is AES-256-GCM encrypted and never sent back. */
export const providerConnections = pgTable(
  "provider_connection",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Used in model ids: "<name>/<model>". */
    name: text("name").notNull(),
    kind: text("kind", { enum: PROVIDER_KINDS }).notNull(),
    baseUrl: text("base_url"),
    /** "v1:<iv>:<tag>:<ciphertext>" (base64url); null for keyless local servers. */
    apiKeyEncrypted: text("api_key_encrypted"),
    /** Last 4 characters, for the masked display. */
    apiKeyHint: text("api_key_hint"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("provider_connection_name_key").on(t.workspaceId, t.name)],
);

/** Per-workspace model catalog and prices (USD per 1M tokens), seeded from lib/models/prices.ts. */
export const modelPrices = pgTable(
  "model_price",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Model id as the provider names it, e.g. gpt-4o-mini. */
    model: text("model").notNull(),
    inputPerMillion: doublePrecision("input_per_million").notNull(),
    outputPerMillion: doublePrecision("output_per_million").notNull(),
    source: text("source").notNull().default("custom"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("model_price_key").on(t.workspaceId, t.model)],
);

/** Workspace-wide settings for model calls. */
export const workspaceModelSettings = pgTable("workspace_model_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  allowPrivateEndpoints: boolean("allow_private_endpoints").notNull().default(false),
  maxConcurrentRuns: integer("max_concurrent_runs").notNull().default(8),
});

/** Saved playground state per user and prompt; `shareId` makes it openable by teammates. */
export const playgroundSessions = pgTable(
  "playground_session",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    promptId: uuid("prompt_id").references(() => prompts.id, { onDelete: "cascade" }),
    state: jsonb("state").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("playground_session_user_idx").on(t.workspaceId, t.userId, t.promptId)],
);

export type ProviderConnection = typeof providerConnections.$inferSelect;
