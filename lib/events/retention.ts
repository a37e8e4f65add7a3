import { and, isNotNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { eventOutbox } from "@/db/schema";
import { defineJob } from "@/lib/jobs";

export const DELIVERED_EVENT_RETENTION_DAYS = 7;

/** Deletes outbox rows delivered before `before` (undelivered rows are never deleted). */
export async function pruneDeliveredEvents(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(eventOutbox)
    .where(and(isNotNull(eventOutbox.deliveredAt), lt(eventOutbox.deliveredAt, before)))
    .returning({ id: eventOutbox.id });
  return rows.length;
}

/** Daily: delivered events stay 7 days (for debugging deliveries and replays), then go. */
export const eventsPruneJob = defineJob({
  kind: "events.prune",
  payload: z.object({}).loose(),
  everyMs: 24 * 3600_000,
  handler: async (_payload, { db }) => ({
    deleted: await pruneDeliveredEvents(db, new Date(Date.now() - DELIVERED_EVENT_RETENTION_DAYS * 24 * 3600_000)),
  }),
});
