import "server-only";
import { and, desc, eq, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { labelEvents, labels, prompts, promptVersions, type Prompt, type PromptVersion } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { WorkspaceCtx } from "@/lib/context";

/** Fetch-or-404 by slug inside the caller's workspace (another workspace's prompt is "not found"). */
export async function getPromptInWorkspace(db: Db, workspaceId: string, slug: string, opts: { lock?: boolean } = {}): Promise<Prompt> {
  const q = db.select().from(prompts).where(and(eq(prompts.workspaceId, workspaceId), eq(prompts.slug, slug)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw notFound(`Prompt "${slug}"`);
  return row;
}

export async function getVersionByNumber(db: Db, prompt: Pick<Prompt, "id" | "slug">, number: number): Promise<PromptVersion> {
  const [v] = await db
    .select()
    .from(promptVersions)
    .where(and(eq(promptVersions.promptId, prompt.id), eq(promptVersions.number, number)));
  if (!v) throw notFound(`Version ${number} of prompt "${prompt.slug}"`);
  return v;
}

export async function getLatestVersion(db: Db, prompt: Pick<Prompt, "id" | "latestVersion" | "slug">): Promise<PromptVersion | null> {
  if (prompt.latestVersion === 0) return null;
  return getVersionByNumber(db, prompt, prompt.latestVersion);
}

/**
 * The version a label points to, now or at `at`. `latest` is the highest version (created by then).
 * Returns null when the label exists but pointed at nothing (then); throws 404 for an unknown label.
 */
export async function resolveLabel(db: Db, prompt: Prompt, label: string, at?: Date): Promise<PromptVersion | null> {
  if (label === "latest") {
    const q = db.select().from(promptVersions).where(and(eq(promptVersions.promptId, prompt.id), at ? lte(promptVersions.createdAt, at) : undefined));
    const [v] = await q.orderBy(desc(promptVersions.number)).limit(1);
    return v ?? null;
  }
  const [row] = await db.select().from(labels).where(and(eq(labels.promptId, prompt.id), eq(labels.name, label)));
  if (!row) throw notFound(`Label "${label}" on prompt "${prompt.slug}"`);
  if (!at) {
    if (!row.versionId) return null;
    const [v] = await db.select().from(promptVersions).where(eq(promptVersions.id, row.versionId));
    return v ?? null;
  }
  const [ev] = await db
    .select({ versionId: labelEvents.toVersionId })
    .from(labelEvents)
    .where(and(eq(labelEvents.promptId, prompt.id), eq(labelEvents.label, label), lte(labelEvents.at, at)))
    .orderBy(desc(labelEvents.at), desc(labelEvents.id))
    .limit(1);
  if (!ev) return null;
  const [v] = await db.select().from(promptVersions).where(eq(promptVersions.id, ev.versionId));
  return v ?? null;
}

export function actorColumns(ctx: WorkspaceCtx): { authorId: string | null; authorKeyId: string | null } {
  return {
    authorId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    authorKeyId: ctx.actor.kind === "api_key" ? ctx.actor.keyId : null,
  };
}
