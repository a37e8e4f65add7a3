import "server-only";
import { and, asc, desc, eq, gt, isNull } from "drizzle-orm";
import { invites, memberships, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";

export async function listMembers({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "members:read");
  return ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspace.id))
    .orderBy(asc(users.name));
}

/** Invites still waiting to be used (not accepted, revoked or expired). */
export async function listPendingInvites({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "members:read");
  return ctx.db
    .select({ id: invites.id, email: invites.email, role: invites.role, createdAt: invites.createdAt, expiresAt: invites.expiresAt })
    .from(invites)
    .where(
      and(eq(invites.workspaceId, ctx.workspace.id), isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date())),
    )
    .orderBy(desc(invites.createdAt));
}
