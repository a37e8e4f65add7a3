import "server-only";
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { generations, memberships, promptVersions, prompts, providerConnections, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";

/** Members who may be assigned to a queue (reviewer or higher), for the queue form (editor+). */
export async function listAssignableReviewers({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "queues:manage");
  return ctx.db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, ctx.workspace.id), ne(memberships.role, "viewer")))
    .orderBy(asc(users.name));
}

/** What a queue's filter can pick from: prompts with their versions, and the models that produced runs (editor+). */
export async function listQueueSourceOptions({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "queues:manage");
  const [promptRows, versionRows, modelRows] = await Promise.all([
    ctx.db
      .select({ id: prompts.id, slug: prompts.slug })
      .from(prompts)
      .where(and(eq(prompts.workspaceId, ctx.workspace.id), isNull(prompts.archivedAt), eq(prompts.isComponent, false)))
      .orderBy(asc(prompts.slug))
      .limit(500),
    ctx.db
      .select({ id: promptVersions.id, promptId: promptVersions.promptId, number: promptVersions.number, semver: promptVersions.semver })
      .from(promptVersions)
      .where(eq(promptVersions.workspaceId, ctx.workspace.id))
      .orderBy(desc(promptVersions.number))
      .limit(5000),
    ctx.db
      .selectDistinct({ model: sql<string>`coalesce(${providerConnections.name} || '/', '') || ${generations.model}` })
      .from(generations)
      .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId))
      .where(eq(generations.workspaceId, ctx.workspace.id))
      .limit(200),
  ]);
  return {
    prompts: promptRows.map((p) => ({ ...p, versions: versionRows.filter((v) => v.promptId === p.id).map((v) => ({ id: v.id, number: v.number, semver: v.semver })) })),
    models: modelRows.map((m) => m.model).sort(),
  };
}
