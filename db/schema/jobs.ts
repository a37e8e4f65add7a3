import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jsonb } from "./columns";
import { workspaces } from "./workspaces";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Background jobs (lib/jobs): claimed with `FOR UPDATE SKIP LOCKED`, so several runners (threads of one
 * process, or several instances) never run one job twice. A running job holds a lease (`locked_until`) that
 * its worker renews while it works; a job whose worker died is re-queued once the lease expires.
 */
export const jobs = pgTable(
  "job",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** null: a system job (retention, rollups across workspaces). */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    /** A registered job kind, e.g. "evals.run", "events.prune". */
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    /** Higher runs first among due jobs of one kind. */
    priority: integer("priority").notNull().default(0),
    /** Runs started so far (claims), including one that is running now. */
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    /** Not before: the enqueue time, a requested delay, or the next retry after backoff. */
    runAt: timestamp("run_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** The worker running it and how long its lease lasts (renewed by heartbeats). */
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
    lastError: text("last_error"),
    /** What a succeeded job returned (small; big outputs belong in their own tables). */
    result: jsonb("result").$type<unknown>(),
    /** Deduplication: at most one queued or running job per (kind, key). */
    key: text("key"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    // The claim: due queued jobs of one kind, best first.
    index("job_claim_idx").on(t.kind, t.priority.desc(), t.runAt).where(sql`${t.status} = 'queued'`),
    // Stale-lock recovery: running jobs by lease end.
    index("job_lease_idx").on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    index("job_workspace_idx").on(t.workspaceId, t.createdAt),
    // Retention: finished jobs by age.
    index("job_finished_idx").on(t.finishedAt).where(sql`${t.finishedAt} is not null`),
    uniqueIndex("job_key_key").on(t.kind, t.key).where(sql`${t.key} is not null and ${t.status} in ('queued', 'running')`),
  ],
);

export type Job = typeof jobs.$inferSelect;
