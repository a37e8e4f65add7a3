/**
 * The process-wide runner, kept in lib/runtime's registry: server.ts starts it; enqueueJob (possibly running in
 * Next's bundle) finds it to wake it.
 */
import { runtime, runtimeKey } from "@/lib/runtime";
import type { AnyJobDefinition } from "./define";
import { JobRunner, type JobRunnerOptions } from "./runner";

const RUNNER = runtimeKey<JobRunner>("jobs.runner");

/** This process's runner, if it started one (server.ts does; scripts and most tests do not). */
export function getJobRunner(): JobRunner | undefined {
  return runtime.peek(RUNNER);
}

export function setJobRunner(runner: JobRunner | undefined): void {
  if (runner) runtime.set(RUNNER, runner);
  else runtime.delete(RUNNER);
}

/** server.ts: creates the runner with its kinds, installs it and starts claiming. */
export async function startJobRunner(opts: JobRunnerOptions & { kinds: AnyJobDefinition[] }): Promise<JobRunner> {
  const runner = new JobRunner(opts);
  for (const kind of opts.kinds) runner.register(kind);
  setJobRunner(runner);
  await runner.start();
  return runner;
}

/** Shutdown: stops the process-wide runner (running jobs get `graceMs`, then go back to the queue). */
export async function stopJobRunner(opts?: { graceMs?: number }): Promise<void> {
  const runner = getJobRunner();
  if (!runner) return;
  await runner.stop(opts);
  if (getJobRunner() === runner) setJobRunner(undefined);
}
