import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { deploymentPrompts, deployments } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { computeStatus, isSilent } from "./internal";

/** Deployments, most recently seen first, each prompt's status computed against the registry now. */
export async function listDeployments({ ctx, input = {} }: { ctx: WorkspaceCtx; input?: { prompt?: string; limit?: number } }) {
  authorize(ctx, "deployments:read");
  const limit = Math.min(200, Math.max(1, input.limit ?? 100));
  let deps = await ctx.db.select().from(deployments).where(eq(deployments.workspaceId, ctx.workspace.id)).orderBy(desc(deployments.lastSeenAt)).limit(limit);
  if (deps.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(deploymentPrompts)
    .where(and(eq(deploymentPrompts.workspaceId, ctx.workspace.id), inArray(deploymentPrompts.deploymentId, deps.map((d) => d.id)), input.prompt ? eq(deploymentPrompts.slug, input.prompt) : undefined))
    .orderBy(asc(deploymentPrompts.slug));
  if (input.prompt) deps = deps.filter((d) => rows.some((r) => r.deploymentId === d.id));
  const now = new Date();
  const out = [];
  for (const d of deps) {
    const prompts = [];
    for (const r of rows.filter((x) => x.deploymentId === d.id)) prompts.push(await computeStatus(ctx.db, ctx.workspace.id, r));
    out.push({ id: d.id, name: d.name, environment: d.environment, source: d.source, lastSeenAt: d.lastSeenAt.toISOString(), silent: isSilent(d, now), prompts });
  }
  return out;
}
