import "server-only";
import { asc, eq } from "drizzle-orm";
import { memberships, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";

/** The workspaces the acting user belongs to, with their role in each. */
export async function listWorkspacesForUser({ ctx }: { ctx: Ctx }) {
  if (ctx.actor.kind !== "user") return [];
  return ctx.db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, ctx.actor.userId))
    .orderBy(asc(workspaces.name));
}
