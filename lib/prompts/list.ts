import "server-only";
import { and, arrayContains, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import { labels, prompts, promptVersions } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { ListPromptsInput } from "./schemas";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);

/** One page of prompts with their labels, newest change first (or by name), and how many match in all. */
export async function listPrompts({ ctx, input = {} }: { ctx: WorkspaceCtx; input?: ListPromptsInput }) {
  authorize(ctx, "prompts:read");
  const f = ListPromptsInput.parse(input);
  const where = and(
    eq(prompts.workspaceId, ctx.workspace.id),
    f.archived ? isNotNull(prompts.archivedAt) : isNull(prompts.archivedAt),
    f.search ? or(ilike(prompts.slug, `%${escapeLike(f.search)}%`), ilike(prompts.description, `%${escapeLike(f.search)}%`)) : undefined,
    f.folder ? like(prompts.slug, `${escapeLike(f.folder.replace(/\/+$/, ""))}/%`) : undefined,
    f.tag ? arrayContains(prompts.tags, [f.tag]) : undefined,
    f.updatedAfter ? gte(prompts.updatedAt, f.updatedAfter) : undefined,
    f.components === undefined ? undefined : eq(prompts.isComponent, f.components),
    f.label
      ? sql`exists (select 1 from ${labels} where ${labels.promptId} = ${prompts.id} and ${labels.name} = ${f.label} and ${labels.versionId} is not null)`
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(prompts)
      .where(where)
      .orderBy(...(f.sort === "name" ? [asc(prompts.slug)] : [desc(prompts.updatedAt), asc(prompts.slug)]))
      .limit(f.limit + 1)
      .offset(f.offset),
    ctx.db.select({ n: count() }).from(prompts).where(where),
  ]);
  const page = rows.slice(0, f.limit);
  const ids = page.map((p) => p.id);
  const labelRows = ids.length
    ? await ctx.db
        .select({ promptId: labels.promptId, name: labels.name, version: promptVersions.number })
        .from(labels)
        .leftJoin(promptVersions, eq(promptVersions.id, labels.versionId))
        .where(inArray(labels.promptId, ids))
    : [];
  return {
    prompts: page.map((p) => ({
      ...p,
      labels: Object.fromEntries(labelRows.filter((l) => l.promptId === p.id).map((l) => [l.name, l.version ?? null])) as Record<string, number | null>,
    })),
    hasMore: rows.length > f.limit,
    total: Number(total?.n ?? 0),
  };
}

/** Tags and folders in use, for the list filters. */
export async function listPromptFacets({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "prompts:read");
  const rows = await ctx.db.select({ slug: prompts.slug, tags: prompts.tags }).from(prompts).where(eq(prompts.workspaceId, ctx.workspace.id));
  const tags = new Set<string>();
  const folders = new Set<string>();
  for (const r of rows) {
    r.tags.forEach((t) => tags.add(t));
    const parts = r.slug.split("/");
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join("/"));
  }
  return { tags: [...tags].sort(), folders: [...folders].sort() };
}
