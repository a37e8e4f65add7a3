import "server-only";
import { like, or, eq } from "drizzle-orm";
import { memberships, workspaces, type Workspace } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { conflict, invalidInput, isUniqueViolation } from "@/lib/errors";
import { inTransaction, type Ctx } from "@/lib/context";
import { CreateWorkspaceInput, slugify } from "./schemas";

/** Creates a workspace with the acting user as its owner. Without a slug, one is derived from the name. */
export async function createWorkspace({ ctx, input }: { ctx: Ctx; input: CreateWorkspaceInput }) {
  if (ctx.actor.kind !== "user") throw invalidInput("Only a signed-in user can create a workspace.");
  const userId = ctx.actor.userId;
  const data = CreateWorkspaceInput.parse(input);
  return inTransaction(ctx, async ({ db }) => {
    let slug = data.slug;
    if (!slug) {
      // Pick the first free "name", "name-2", ... so a name collision never blocks creation.
      const base = slugify(data.name).slice(0, 36);
      const taken = new Set(
        (await db.select({ slug: workspaces.slug }).from(workspaces).where(or(eq(workspaces.slug, base), like(workspaces.slug, `${base}-%`)))).map(
          (r) => r.slug,
        ),
      );
      slug = base;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    }
    let ws: Workspace;
    try {
      [ws] = (await db.insert(workspaces).values({ slug, name: data.name }).returning()) as [Workspace];
      await db.insert(memberships).values({ workspaceId: ws.id, userId, role: "owner" });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`The workspace URL "${slug}" is taken. Choose another.`);
      throw e;
    }
    await appendAudit(
      { db, actor: ctx.actor, workspace: { id: ws.id, slug: ws.slug, name: ws.name }, role: "owner" },
      { action: "workspace.create", targetType: "workspace", targetId: ws.id, data: { slug: ws.slug, name: ws.name } },
    );
    return ws;
  });
}
