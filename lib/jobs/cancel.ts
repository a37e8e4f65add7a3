import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { conflict, notFound } from "@/lib/errors";
import { jobScope, presentJob, type JobsCtx, type JobView } from "./internal";
import { JobRef } from "./schemas";

/**
 * Cancels a queued or running job. A running job's worker notices at its next heartbeat (its handler's signal
 * is aborted) and whatever it returns afterwards is discarded. 409 when the job has already finished.
 */
export async function cancelJob({ ctx, input }: { ctx: JobsCtx; input: { id: string } }): Promise<JobView> {
  const { id } = JobRef.parse(input);
  const now = new Date();
  const [row] = await ctx.db
    .update(jobs)
    .set({ status: "cancelled", finishedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null, lastError: "Cancelled." })
    .where(and(eq(jobs.id, id), jobScope(ctx), inArray(jobs.status, ["queued", "running"])))
    .returning();
  if (row) return presentJob(row);
  const [existing] = await ctx.db
    .select({ status: jobs.status })
    .from(jobs)
    .where(and(eq(jobs.id, id), jobScope(ctx)));
  if (!existing) throw notFound("Job");
  throw conflict(`The job has already ${existing.status === "cancelled" ? "been cancelled" : existing.status}.`);
}
