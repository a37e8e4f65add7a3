import { sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AnyJobDefinition } from "./define";

/** The dedupe key that keeps one instance of a recurring kind scheduled. */
export const RECURRING_KEY = "recurring";

/**
 * Keeps one queued (or running) job of a recurring kind. After each run: the next one, `everyMs` later. At
 * start: one due now, unless one is already scheduled or running, or one finished less than `everyMs` ago
 * (so two instances starting together, or a restart right after a run, do not run it again at once). The
 * (kind, key) unique index settles a race between two inserts.
 */
export async function scheduleRecurring(db: Db, def: AnyJobDefinition, now: Date, after: "start" | "run"): Promise<void> {
  const everyMs = def.everyMs!;
  const runAt = after === "start" ? now : new Date(now.getTime() + everyMs);
  const recent = new Date(now.getTime() - everyMs);
  const guard =
    after === "start"
      ? sql`where not exists (select 1 from ${jobs} where ${jobs.kind} = ${def.kind} and ${jobs.key} = ${RECURRING_KEY}
          and (${jobs.status} in ('queued', 'running') or ${jobs.finishedAt} > ${recent.toISOString()}::timestamptz))`
      : sql``;
  await db.execute(sql`
    insert into ${jobs} (kind, payload, key, max_attempts, run_at)
    select ${def.kind}, '{}'::jsonb, ${RECURRING_KEY}, ${def.maxAttempts ?? 3}, ${runAt.toISOString()}::timestamptz
    ${guard}
    on conflict do nothing`);
}
