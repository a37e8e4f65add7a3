import "server-only";
import { and, eq } from "drizzle-orm";
import { memberships, reviewItems, reviewQueues, workspaces } from "@/db/schema";
import type { Ctx, WorkspaceCtx } from "@/lib/context";
import { notFound, unauthorized } from "@/lib/errors";
import { isUuid } from "./internal";

/*
 * REST calls made with a signed-in session name no workspace (an API key does): the queue or item does. Resolve it
 * and the caller's membership; a queue of a workspace they are not in is a 404, as everywhere.
 */
async function ctxFor(ctx: Ctx, workspaceId: string | undefined, what: string): Promise<WorkspaceCtx> {
  if (ctx.actor.kind !== "user") throw unauthorized();
  if (!workspaceId) throw notFound(what);
  const [row] = await ctx.db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, ctx.actor.userId)))
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound(what);
  return { db: ctx.db, actor: ctx.actor, workspace: { id: row.id, slug: row.slug, name: row.name }, role: row.role };
}

export async function memberCtxForQueue({ ctx, queueId }: { ctx: Ctx; queueId: string }): Promise<WorkspaceCtx> {
  if (!isUuid(queueId)) throw notFound("Review queue");
  const [q] = await ctx.db.select({ workspaceId: reviewQueues.workspaceId }).from(reviewQueues).where(eq(reviewQueues.id, queueId));
  return ctxFor(ctx, q?.workspaceId, "Review queue");
}

export async function memberCtxForItem({ ctx, itemId }: { ctx: Ctx; itemId: string }): Promise<WorkspaceCtx> {
  if (!isUuid(itemId)) throw notFound("Review item");
  const [i] = await ctx.db.select({ workspaceId: reviewItems.workspaceId }).from(reviewItems).where(eq(reviewItems.id, itemId));
  return ctxFor(ctx, i?.workspaceId, "Review item");
}
