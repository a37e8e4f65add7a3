import "server-only";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import { apiKeys, invites, memberships } from "@/db/schema";
import { authorize, can, type WorkspaceCtx } from "@/lib/context";

/** Counts for the overview page; key and invite counts only for those who may manage them. */
export async function getWorkspaceSummary({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "workspace:read");
  const ws = ctx.workspace.id;
  const [members] = await ctx.db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, ws));
  let keys: number | null = null;
  let pendingInvites: number | null = null;
  if (can(ctx, "apikeys:read")) {
    const [k] = await ctx.db.select({ n: count() }).from(apiKeys).where(and(eq(apiKeys.workspaceId, ws), isNull(apiKeys.revokedAt)));
    keys = Number(k!.n);
  }
  if (can(ctx, "members:read")) {
    const [i] = await ctx.db
      .select({ n: count() })
      .from(invites)
      .where(and(eq(invites.workspaceId, ws), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())));
    pendingInvites = Number(i!.n);
  }
  return { members: Number(members!.n), apiKeys: keys, pendingInvites };
}
