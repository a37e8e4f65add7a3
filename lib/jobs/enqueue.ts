import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { invalidInput } from "@/lib/errors";
import type { JobDefinition } from "./define";
import { presentJob, workspaceOf, type JobsCtx, type JobView } from "./internal";
import { getJobRunner } from "./process";
import { EnqueueJobInput, MAX_PAYLOAD_BYTES } from "./schemas";

export type EnqueueInput<P> = Omit<EnqueueJobInput, "kind" | "payload"> & { kind: string | JobDefinition<P>; payload?: P };

/**
 * Queues a job. Pass ctx with an open transaction to enqueue atomically with the mutation that needs the work
 * (the job exists only if the mutation commits). A workspace ctx owns the job (status pages of that workspace
 * see it); a plain system ctx makes a system job. lib/jobs does not authorize: the domain verb that offers the
 * work (e.g. "run this eval") authorizes first. Payloads are stored and shown on status pages: never secrets.
 *
 * With `kind` given as the job's definition, the payload is checked against its schema now (a 400 here rather
 * than a failed job later) and the definition's maxAttempts applies. With `key`, a queued or running job of the
 * same kind and key is returned instead of a second one.
 */
export async function enqueueJob<P>({ ctx, input }: { ctx: JobsCtx; input: EnqueueInput<P> }): Promise<JobView> {
  const def = typeof input.kind === "string" ? undefined : input.kind;
  const data = EnqueueJobInput.parse({ ...input, kind: def ? def.kind : input.kind });
  let payload: unknown = data.payload ?? {};
  if (def) {
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) throw invalidInput(`payload of ${def.kind}: ${parsed.error.issues[0]!.path.join(".") || "(root)"}: ${parsed.error.issues[0]!.message}`);
    payload = parsed.data;
  }
  const json = JSON.stringify(payload);
  if (json === undefined) throw invalidInput("payload must be JSON.");
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) throw invalidInput(`payload must be at most ${MAX_PAYLOAD_BYTES / 1024} KiB of JSON (store big inputs in their own table and pass ids).`);

  const now = new Date();
  const runAt = data.runAt ?? new Date(now.getTime() + (data.delayMs ?? 0));
  const values = {
    workspaceId: workspaceOf(ctx),
    kind: data.kind,
    payload: JSON.parse(json) as unknown,
    maxAttempts: data.maxAttempts ?? def?.maxAttempts ?? 5,
    priority: data.priority ?? 0,
    key: data.key ?? null,
    runAt,
  };
  for (let tries = 0; tries < 3; tries++) {
    const [row] = await ctx.db.insert(jobs).values(values).onConflictDoNothing().returning();
    if (row) {
      getJobRunner()?.wake();
      return presentJob(row);
    }
    // A queued or running job with this key exists: return it (unless it finished in between, then insert again).
    const [existing] = await ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, data.kind), eq(jobs.key, data.key!), inArray(jobs.status, ["queued", "running"])));
    if (existing) return presentJob(existing);
  }
  throw new Error(`Could not enqueue ${data.kind}: the job with key "${data.key}" kept changing.`);
}
