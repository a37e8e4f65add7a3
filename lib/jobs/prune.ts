import { and, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { jobs } from "@/db/schema";
import { defineJob } from "./define";

export const FINISHED_JOB_RETENTION_DAYS = 30;

/** Deletes finished jobs (succeeded, failed, cancelled) that finished before `before`. */
export async function pruneFinishedJobs(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ["succeeded", "failed", "cancelled"]), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Daily: finished jobs are kept 30 days for their status and errors, then deleted. */
export const jobsPruneJob = defineJob({
  kind: "jobs.prune",
  payload: z.object({}).loose(),
  everyMs: 24 * 3600_000,
  handler: async (_payload, { db }) => ({
    deleted: await pruneFinishedJobs(db, new Date(Date.now() - FINISHED_JOB_RETENTION_DAYS * 24 * 3600_000)),
  }),
});
