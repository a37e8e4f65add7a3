import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { jobScope, presentJob, type JobsCtx, type JobView } from "./internal";
import { JobRef, ListJobsInput } from "./schemas";

/** One job's status, attempts, last error and result; 404 for another workspace's job. */
export async function getJob({ ctx, input }: { ctx: JobsCtx; input: { id: string } }): Promise<JobView> {
  const { id } = JobRef.parse(input);
  const [row] = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, id), jobScope(ctx)));
  if (!row) throw notFound("Job");
  return presentJob(row);
}

/** Recent jobs, newest first, filtered by kind and status. */
export async function listJobs({ ctx, input = {} }: { ctx: JobsCtx; input?: ListJobsInput }): Promise<JobView[]> {
  const f = ListJobsInput.parse(input);
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(and(jobScope(ctx), f.kind ? eq(jobs.kind, f.kind) : undefined, f.status ? eq(jobs.status, f.status) : undefined))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(f.limit);
  return rows.map(presentJob);
}
