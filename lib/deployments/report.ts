import "server-only";
import { and, eq, notInArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { deploymentPrompts, deployments } from "@/db/schema";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { computeStatus, isSilent } from "./internal";
import { ReportDeployment } from "./wire";

export type ReportDeploymentInput = z.input<NonNullable<typeof ReportDeployment.body>>;

/**
 * A heartbeat: upserts the deployment and the prompts it serves now (prompts it no longer reports are dropped),
 * and answers each one's status. A prompt turning out of sync starts its drift clock; back in sync, it stops.
 */
export async function reportDeployment({ ctx, input }: { ctx: WorkspaceCtx; input: ReportDeploymentInput }) {
  authorize(ctx, "deployments:report");
  const data = ReportDeployment.body!.parse(input);
  const now = new Date();
  return inTransaction(ctx, async (tx) => {
    const [dep] = await tx.db
      .insert(deployments)
      .values({ workspaceId: ctx.workspace.id, name: data.deployment, environment: data.environment, source: data.source, lastSeenAt: now })
      .onConflictDoUpdate({ target: [deployments.workspaceId, deployments.name, deployments.environment], set: { lastSeenAt: now, source: data.source } })
      .returning();
    const slugs = [...new Map(data.prompts.map((p) => [p.slug, p])).values()];
    if (slugs.length) {
      await tx.db.delete(deploymentPrompts).where(and(eq(deploymentPrompts.deploymentId, dep!.id), notInArray(deploymentPrompts.slug, slugs.map((p) => p.slug))));
    } else {
      await tx.db.delete(deploymentPrompts).where(eq(deploymentPrompts.deploymentId, dep!.id));
    }
    const out = [];
    for (const p of slugs) {
      const label = p.label === undefined ? "production" : p.label;
      const [row] = await tx.db
        .insert(deploymentPrompts)
        .values({ workspaceId: ctx.workspace.id, deploymentId: dep!.id, slug: p.slug, label, version: p.version ?? null, hash: p.hash, reportedAt: now })
        .onConflictDoUpdate({
          target: [deploymentPrompts.deploymentId, deploymentPrompts.slug],
          // A different hash is a new state: its drift (if any) starts now and may alert again.
          set: {
            label,
            version: p.version ?? null,
            reportedAt: now,
            driftSince: sql`case when ${deploymentPrompts.hash} = ${p.hash} then ${deploymentPrompts.driftSince} else null end`,
            alertedAt: sql`case when ${deploymentPrompts.hash} = ${p.hash} then ${deploymentPrompts.alertedAt} else null end`,
            hash: p.hash,
          },
        })
        .returning();
      const status = await computeStatus(tx.db, ctx.workspace.id, row!);
      const driftSince = status.status === "in_sync" ? null : (row!.driftSince ?? now);
      if ((driftSince?.getTime() ?? null) !== (row!.driftSince?.getTime() ?? null) || (status.status === "in_sync" && row!.alertedAt)) {
        await tx.db
          .update(deploymentPrompts)
          .set({ driftSince, ...(status.status === "in_sync" && { alertedAt: null }) })
          .where(and(eq(deploymentPrompts.deploymentId, dep!.id), eq(deploymentPrompts.slug, p.slug)));
      }
      out.push({ ...status, driftSince: driftSince?.toISOString() ?? null });
    }
    return { id: dep!.id, name: dep!.name, environment: dep!.environment, source: dep!.source, lastSeenAt: dep!.lastSeenAt.toISOString(), silent: isSilent(dep!, now), prompts: out };
  });
}
