import "server-only";
import { eq, type SQL } from "drizzle-orm";
import { jobs, type Job } from "@/db/schema";
import type { Ctx, WorkspaceCtx } from "@/lib/context";
import { forbidden } from "@/lib/errors";

/** Who may see which jobs: a workspace ctx sees its workspace's; the system sees all (and the system jobs). */
export type JobsCtx = Ctx | WorkspaceCtx;

export function workspaceOf(ctx: JobsCtx): string | null {
  return "workspace" in ctx && ctx.workspace ? ctx.workspace.id : null;
}

/** The WHERE clause limiting a query to what ctx may see; undefined = everything (system only). */
export function jobScope(ctx: JobsCtx): SQL | undefined {
  const ws = workspaceOf(ctx);
  if (ws) return eq(jobs.workspaceId, ws);
  if (ctx.actor.kind === "system") return undefined;
  throw forbidden("Jobs outside a workspace are visible to the system only.");
}

/** What status pages and APIs show of a job. */
export interface JobView {
  id: string;
  kind: string;
  workspaceId: string | null;
  status: Job["status"];
  payload: unknown;
  result: unknown;
  attempts: number;
  maxAttempts: number;
  priority: number;
  key: string | null;
  runAt: Date;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function presentJob(j: Job): JobView {
  return {
    id: j.id,
    kind: j.kind,
    workspaceId: j.workspaceId,
    status: j.status,
    payload: j.payload,
    result: j.result ?? null,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    priority: j.priority,
    key: j.key,
    runAt: j.runAt,
    lastError: j.lastError,
    lockedBy: j.lockedBy,
    lockedUntil: j.lockedUntil,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}
