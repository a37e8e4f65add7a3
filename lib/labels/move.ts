import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { labelEvents, labels, promptVersions, type Prompt } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, invalidInput } from "@/lib/errors";
import { emit, flushEvents } from "@/lib/events";
import { getPromptInWorkspace, getVersionByNumber } from "@/lib/prompts";
import { LabelNameSchema } from "@/lib/prompts/pure";
import { assertPolicyAllows, getLabelPolicy } from "./policy";

export const MoveLabelInput = z.object({
  slug: z.string(),
  label: z.string(),
  version: z.coerce.number({ error: "version must be a number." }).int().min(1, "version must be 1 or more."),
  reason: z.string().trim().min(1, "Give a reason for moving the label (it goes in the history).").max(1000, "Reason must be at most 1000 characters."),
  kind: z.enum(["promote", "rollback"]).default("promote"),
});
export type MoveLabelInput = z.input<typeof MoveLabelInput>;

export interface MoveResult {
  label: string;
  version: number;
  previousVersion: number | null;
  changed: boolean;
  eventId: number | null;
}

async function moveInTransaction(ctx: WorkspaceCtx, prompt: Prompt, label: string, version: number, reason: string, kind: "promote" | "rollback"): Promise<MoveResult> {
  const target = await getVersionByNumber(ctx.db, prompt, version);
  // Custom labels come into being on their first move; the row lock serialises concurrent moves of one label.
  await ctx.db.insert(labels).values({ workspaceId: ctx.workspace.id, promptId: prompt.id, name: label }).onConflictDoNothing();
  const [row] = await ctx.db.select().from(labels).where(and(eq(labels.promptId, prompt.id), eq(labels.name, label))).for("update");
  const [from] = row!.versionId ? await ctx.db.select({ number: promptVersions.number }).from(promptVersions).where(eq(promptVersions.id, row!.versionId)) : [];
  if (row!.versionId === target.id) return { label, version, previousVersion: version, changed: false, eventId: null };
  const [event] = await ctx.db
    .insert(labelEvents)
    .values({
      workspaceId: ctx.workspace.id,
      promptId: prompt.id,
      label,
      kind,
      fromVersionId: row!.versionId,
      toVersionId: target.id,
      reason,
      actorId: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      actorKeyId: ctx.actor.kind === "api_key" ? ctx.actor.keyId : null,
    })
    .returning({ id: labelEvents.id, at: labelEvents.at });
  await ctx.db.update(labels).set({ versionId: target.id, updatedAt: event!.at }).where(eq(labels.id, row!.id));
  await appendAudit(ctx, {
    action: kind === "rollback" ? "label.rollback" : "label.move",
    targetType: "prompt",
    targetId: prompt.id,
    data: { slug: prompt.slug, label, from: from?.number ?? null, to: version, reason, eventId: event!.id },
  });
  await emit(ctx, {
    type: "label.moved",
    promptId: prompt.id,
    slug: prompt.slug,
    label,
    fromVersion: from?.number ?? null,
    toVersion: version,
    kind,
    labelEventId: event!.id,
  });
  return { label, version, previousVersion: from?.number ?? null, changed: true, eventId: event!.id };
}

/** Points `label` at a version; guarded by the label's policy on every path. */
export async function moveLabel({ ctx, input }: { ctx: WorkspaceCtx; input: MoveLabelInput }): Promise<MoveResult> {
  authorize(ctx, "labels:move");
  const data = MoveLabelInput.parse(input);
  const label = LabelNameSchema.safeParse(data.label);
  if (!label.success) throw invalidInput(`label: ${label.error.issues[0]!.message}`);
  assertPolicyAllows(ctx, await getLabelPolicy(ctx.db, ctx.workspace.id, label.data));
  const result = await inTransaction(ctx, async (tx) => {
    const prompt = await getPromptInWorkspace(tx.db, ctx.workspace.id, data.slug);
    return moveInTransaction(tx, prompt, label.data, data.version, data.reason, data.kind);
  });
  await flushEvents(ctx); // committed: a read right after this move is served the new version
  return result;
}

/** One click: move the label back to where it pointed before its latest move. */
export async function rollbackLabel({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; label: string; reason?: string } }): Promise<MoveResult> {
  authorize(ctx, "labels:move");
  const label = LabelNameSchema.parse(input.label);
  assertPolicyAllows(ctx, await getLabelPolicy(ctx.db, ctx.workspace.id, label));
  const result = await inTransaction(ctx, async (tx) => {
    const prompt = await getPromptInWorkspace(tx.db, ctx.workspace.id, input.slug);
    const [last] = await tx.db
      .select({ from: labelEvents.fromVersionId })
      .from(labelEvents)
      .where(and(eq(labelEvents.promptId, prompt.id), eq(labelEvents.label, label)))
      .orderBy(desc(labelEvents.id))
      .limit(1);
    if (!last?.from) throw conflict(`"${label}" has no earlier version to roll back to.`);
    const [prev] = await tx.db.select({ number: promptVersions.number }).from(promptVersions).where(eq(promptVersions.id, last.from));
    return moveInTransaction(tx, prompt, label, prev!.number, input.reason?.trim() || `Roll back ${label} to v${prev!.number}`, "rollback");
  });
  await flushEvents(ctx);
  return result;
}
