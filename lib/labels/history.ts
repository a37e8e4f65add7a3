import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { apiKeys, labelEvents, labels, promptVersions, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { getPromptInWorkspace, resolveLabel } from "@/lib/prompts";
import { LabelNameSchema } from "@/lib/prompts/pure";

const fromV = alias(promptVersions, "from_v");
const toV = alias(promptVersions, "to_v");

/** Moves of one label (or of every label when `label` is omitted), newest first. */
export async function labelHistory({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; label?: string; limit?: number } }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.slug);
  const label = input.label === undefined ? undefined : LabelNameSchema.parse(input.label);
  const rows = await ctx.db
    .select({
      id: labelEvents.id,
      label: labelEvents.label,
      kind: labelEvents.kind,
      from: fromV.number,
      to: toV.number,
      reason: labelEvents.reason,
      at: labelEvents.at,
      actorName: users.name,
      actorKeyName: apiKeys.name,
    })
    .from(labelEvents)
    .innerJoin(toV, eq(toV.id, labelEvents.toVersionId))
    .leftJoin(fromV, eq(fromV.id, labelEvents.fromVersionId))
    .leftJoin(users, eq(users.id, labelEvents.actorId))
    .leftJoin(apiKeys, eq(apiKeys.id, labelEvents.actorKeyId))
    .where(and(eq(labelEvents.promptId, prompt.id), label ? eq(labelEvents.label, label) : undefined))
    .orderBy(desc(labelEvents.id))
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 1000));
  return rows.map((r) => ({ ...r, from: r.from ?? null, actor: r.actorName ?? (r.actorKeyName ? `API key “${r.actorKeyName}”` : "system") }));
}

/** Point in time: which version every label of the prompt (and `latest`) pointed to at `at`. Exact, from label events. */
export async function labelsAt({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; at: Date } }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.slug);
  const names = (await ctx.db.select({ name: labels.name }).from(labels).where(eq(labels.promptId, prompt.id))).map((l) => l.name);
  const result: { label: string; version: number | null }[] = [];
  for (const name of ["latest", ...names.sort()]) {
    const v = await resolveLabel(ctx.db, prompt, name, input.at);
    result.push({ label: name, version: v?.number ?? null });
  }
  return { at: input.at, labels: result };
}
