import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { labels, prompts, promptVersions, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { getPromptInWorkspace, getVersionByNumber } from "./internal";

/** A prompt with its labels (name -> version number or null) and its latest version. */
export async function getPrompt({ ctx, slug }: { ctx: WorkspaceCtx; slug: string }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, slug);
  const labelRows = await ctx.db
    .select({ name: labels.name, version: promptVersions.number, updatedAt: labels.updatedAt })
    .from(labels)
    .leftJoin(promptVersions, eq(promptVersions.id, labels.versionId))
    .where(eq(labels.promptId, prompt.id))
    .orderBy(labels.name);
  const latest = prompt.latestVersion ? await getVersionByNumber(ctx.db, prompt, prompt.latestVersion) : null;
  return { prompt, labels: labelRows.map((l) => ({ name: l.name, version: l.version ?? null, updatedAt: l.updatedAt })), latest };
}

/** Versions newest first, with the author's name and the labels pointing at each. */
export async function listVersions({ ctx, slug, limit = 100, offset = 0 }: { ctx: WorkspaceCtx; slug: string; limit?: number; offset?: number }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, slug);
  const rows = await ctx.db
    .select({ v: promptVersions, authorName: users.name })
    .from(promptVersions)
    .leftJoin(users, eq(users.id, promptVersions.authorId))
    .where(eq(promptVersions.promptId, prompt.id))
    .orderBy(desc(promptVersions.number))
    .limit(Math.min(Math.max(limit, 1), 500))
    .offset(Math.max(offset, 0));
  const ids = rows.map((r) => r.v.id);
  const pointing = ids.length
    ? await ctx.db.select({ name: labels.name, versionId: labels.versionId }).from(labels).where(and(eq(labels.promptId, prompt.id), inArray(labels.versionId, ids)))
    : [];
  return rows.map(({ v, authorName }) => ({
    ...v,
    authorName,
    labels: [...pointing.filter((l) => l.versionId === v.id).map((l) => l.name), ...(v.number === prompt.latestVersion ? ["latest"] : [])],
  }));
}

export async function getVersion({ ctx, slug, number }: { ctx: WorkspaceCtx; slug: string; number: number }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, slug);
  return { prompt, version: await getVersionByNumber(ctx.db, prompt, number) };
}

/** "uses": components the latest version includes; "used by": prompts whose latest version includes this one. */
export async function getPromptUsage({ ctx, slug }: { ctx: WorkspaceCtx; slug: string }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, slug);
  const latest = prompt.latestVersion ? await getVersionByNumber(ctx.db, prompt, prompt.latestVersion) : null;
  const usedBy = await ctx.db
    .select({ slug: prompts.slug, version: promptVersions.number, include: sql<string>`inc` })
    .from(prompts)
    .innerJoin(promptVersions, and(eq(promptVersions.promptId, prompts.id), eq(promptVersions.number, prompts.latestVersion)))
    .innerJoin(sql`unnest(${promptVersions.includes}) as inc`, sql`true`)
    .where(and(eq(prompts.workspaceId, ctx.workspace.id), sql`(inc = ${prompt.slug} or inc like ${prompt.slug + "@%"})`))
    .orderBy(prompts.slug);
  return {
    uses: (latest?.includes ?? []).map((raw) => ({ raw, slug: raw.split("@")[0]!, label: raw.split("@")[1] ?? "latest" })),
    usedBy: usedBy.map((u) => ({ slug: u.slug, version: u.version, label: u.include.split("@")[1] ?? "latest" })),
  };
}
