import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, integer } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const DEPLOYMENT_SOURCES = ["sdk", "ci"] as const;
export type DeploymentSource = (typeof DEPLOYMENT_SOURCES)[number];

/** An application instance group that reports what it serves (SDK heartbeat, or `promptyard status --report`). */
export const deployments = pgTable(
  "deployment",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    environment: text("environment").notNull(),
    source: text("source", { enum: DEPLOYMENT_SOURCES }).notNull(),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("deployment_name_key").on(t.workspaceId, t.name, t.environment)],
);

/** One prompt a deployment serves: the hash it reported, and since when it has been out of sync. */
export const deploymentPrompts = pgTable(
  "deployment_prompt",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    deploymentId: uuid("deployment_id")
      .notNull()
      .references(() => deployments.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    /** The label the app asks for (null: a pinned version). */
    label: text("label"),
    /** The version number the app believes it serves (informational; the hash decides). */
    version: integer("version"),
    hash: text("hash").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull().defaultNow(),
    /** First check that found it out of sync; null while in sync. */
    driftSince: timestamp("drift_since", { withTimezone: true }),
    /** When drift.detected was emitted for this drift (once per drift). */
    alertedAt: timestamp("alerted_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.slug] }), index("deployment_prompt_workspace_slug_idx").on(t.workspaceId, t.slug)],
);

export type Deployment = typeof deployments.$inferSelect;
export type DeploymentPrompt = typeof deploymentPrompts.$inferSelect;
