import { jobs } from "@/db/schema";
import type { Db } from "@/db/client";
import type { AnyJobDefinition } from "./define";

/** The dedupe key that keeps one instance of a recurring kind scheduled. */
export const RECURRING_KEY = "recurring";

/**
 * Keeps one queued (or running) job of a recurring kind: at start (delay 0: run once now, then every
 * `everyMs`) and after each run. The (kind, key) unique index makes this idempotent across instances.
 */
export async function scheduleRecurring(db: Db, def: AnyJobDefinition, now: Date, delayMs: number): Promise<void> {
  await db
    .insert(jobs)
    .values({ workspaceId: null, kind: def.kind, payload: {}, key: RECURRING_KEY, maxAttempts: def.maxAttempts ?? 3, runAt: new Date(now.getTime() + delayMs) })
    .onConflictDoNothing();
}
