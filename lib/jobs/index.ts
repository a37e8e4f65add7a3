/**
 * Background jobs on Postgres (PGlite included). Read lib/jobs/runner.ts first.
 *
 *   const evalRun = defineJob({ kind: "evals.run", payload: z.object({ runId: z.uuid() }), concurrency: 2,
 *                               handler: async ({ runId }, { db, signal, job }) => { ... } });
 *   await enqueueJob({ ctx, input: { kind: evalRun, payload: { runId } } });  // in the mutation's tx, if any
 *   await getJob({ ctx, input: { id } }); await listJobs({ ctx, input: { status: "failed" } });
 *   await cancelJob({ ctx, input: { id } });
 *   server.ts: await startJobRunner({ db, kinds: [evalRun, ...] }); ... await stopJobRunner();
 */
export { backoffDelay, defineJob, PermanentJobError, DEFAULT_BACKOFF, type AnyJobDefinition, type BackoffOptions, type JobContext, type JobOptions, type JobDefinition, type JobInfo } from "./define";
export { enqueueJob, type EnqueueInput } from "./enqueue";
export { getJob, listJobs } from "./get";
export { cancelJob } from "./cancel";
export type { JobView, JobsCtx } from "./internal";
export { JobRunner, type JobRunnerOptions, type JobLogger } from "./runner";
export { getJobRunner, setJobRunner, startJobRunner, stopJobRunner } from "./process";
export { jobsPruneJob, pruneFinishedJobs, FINISHED_JOB_RETENTION_DAYS } from "./prune";
export { EnqueueJobInput, ListJobsInput, MAX_PAYLOAD_BYTES } from "./schemas";
