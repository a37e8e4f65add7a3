import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { deploymentPrompts, deployments } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { emit, flushEvents } from "@/lib/events";
import { defineJob } from "@/lib/jobs";
import { computeStatus, silenceMs } from "./internal";

/**
 * The drift clock, run by the `deployments.drift-check` recurring job (and tests, with their own clock): every
 * prompt of every deployment heard from recently is compared with the registry now (a label move makes a
 * deployment "behind" without any heartbeat). Out of sync: its drift starts; out of sync for longer than
 * `alertMs`: `drift.detected` is emitted once, in the same transaction that marks it alerted. Back in sync:
 * cleared, so a later drift alerts again. Silent deployments are left alone (their state is unknown, not drifting).
 */
export async function checkDrift(db: Db, opts: { now?: Date; alertMs?: number } = {}): Promise<{ checked: number; alerted: number }> {
  const now = opts.now ?? new Date();
  const alertMs = opts.alertMs ?? getEnv().PROMPTYARD_DRIFT_ALERT_MINUTES * 60_000;
  const rows = await db
    .select({ p: deploymentPrompts, d: deployments })
    .from(deploymentPrompts)
    .innerJoin(deployments, eq(deployments.id, deploymentPrompts.deploymentId))
    .where(gt(deployments.lastSeenAt, new Date(now.getTime() - silenceMs())));
  let alerted = 0;
  for (const { p, d } of rows) {
    const s = await computeStatus(db, p.workspaceId, p);
    const where = and(eq(deploymentPrompts.deploymentId, p.deploymentId), eq(deploymentPrompts.slug, p.slug));
    if (s.status === "in_sync") {
      if (p.driftSince || p.alertedAt) await db.update(deploymentPrompts).set({ driftSince: null, alertedAt: null }).where(where);
      continue;
    }
    if (!p.driftSince) {
      await db.update(deploymentPrompts).set({ driftSince: now }).where(where);
      if (alertMs > 0) continue;
    }
    const since = p.driftSince ?? now;
    if (p.alertedAt || now.getTime() - since.getTime() < alertMs) continue;
    const fired = await db.transaction(async (tx) => {
      // Claims the alert: of two checks racing, only the one whose update matched emits.
      const claimed = await tx.update(deploymentPrompts).set({ alertedAt: now }).where(and(where, isNull(deploymentPrompts.alertedAt))).returning({ slug: deploymentPrompts.slug });
      if (!claimed.length) return false;
      const ctx = { db: tx, workspace: { id: p.workspaceId, slug: "", name: "" }, actor: { kind: "system" as const } };
      await emit(ctx, {
        type: "drift.detected",
        deploymentId: d.id,
        deployment: d.name,
        environment: d.environment,
        slug: p.slug,
        status: s.status as "behind" | "unknown_content",
        reportedHash: p.hash,
        reportedVersion: s.reportedVersion,
        expectedVersion: s.expectedVersion,
        since: since.toISOString(),
      });
      return true;
    });
    if (fired) alerted++;
  }
  if (alerted) await flushEvents();
  return { checked: rows.length, alerted };
}

export const driftCheckJob = defineJob({
  kind: "deployments.drift-check",
  payload: z.object({}).loose(),
  everyMs: 60_000,
  handler: async (_payload, { db }) => checkDrift(db),
});
