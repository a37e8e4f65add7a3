import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { WorkspaceCtx } from "@/lib/context";

/** A signed-in user's view of a workspace. Non-members get 404: another workspace never looks like it exists. */
export async function loadWorkspaceForUser(db: Db, userId: string, slug: string): Promise<WorkspaceCtx> {
  const [row] = await db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, userId)))
    .where(eq(workspaces.slug, slug.toLowerCase()));
  if (!row) throw notFound("Workspace");
  return { db, actor: { kind: "user", userId }, workspace: { id: row.id, slug: row.slug, name: row.name }, role: row.role };
}
