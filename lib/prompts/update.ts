import "server-only";
import { eq } from "drizzle-orm";
import { prompts } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { emit, flushEvents } from "@/lib/events";
import { getPromptInWorkspace } from "./internal";
import { UpdatePromptInput } from "./schemas";

/** Description, tags and the component flag. Versions are untouched: they are immutable. */
export async function updatePrompt({ ctx, input }: { ctx: WorkspaceCtx; input: UpdatePromptInput }) {
  authorize(ctx, "prompts:write");
  const data = UpdatePromptInput.parse(input);
  const result = await inTransaction(ctx, async (tx) => {
    const prompt = await getPromptInWorkspace(tx.db, ctx.workspace.id, data.slug, { lock: true });
    const patch = {
      ...(data.description !== undefined && { description: data.description }),
      ...(data.tags !== undefined && { tags: [...new Set(data.tags)] }),
      ...(data.isComponent !== undefined && { isComponent: data.isComponent }),
    };
    const [updated] = await tx.db.update(prompts).set({ ...patch, updatedAt: new Date() }).where(eq(prompts.id, prompt.id)).returning();
    await appendAudit(tx, { action: "prompt.update", targetType: "prompt", targetId: prompt.id, data: { slug: prompt.slug, ...patch } });
    // Marking a component on or off changes what prompts including it render (the serving cache listens).
    if (data.isComponent !== undefined && data.isComponent !== prompt.isComponent) await emit(tx, { type: "prompt.updated", promptId: prompt.id, slug: prompt.slug });
    return updated!;
  });
  await flushEvents(ctx);
  return result;
}

/** Archiving hides a prompt from lists and blocks commits; versions are never deleted. */
export async function setPromptArchived({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; archived: boolean } }) {
  authorize(ctx, "prompts:write");
  const result = await inTransaction(ctx, async (tx) => {
    const prompt = await getPromptInWorkspace(tx.db, ctx.workspace.id, input.slug, { lock: true });
    const [updated] = await tx.db
      .update(prompts)
      .set({ archivedAt: input.archived ? new Date() : null, updatedAt: new Date() })
      .where(eq(prompts.id, prompt.id))
      .returning();
    await appendAudit(tx, { action: input.archived ? "prompt.archive" : "prompt.unarchive", targetType: "prompt", targetId: prompt.id, data: { slug: prompt.slug } });
    // Only a real change is an event (archiving an archived prompt moves nothing).
    if (Boolean(prompt.archivedAt) !== input.archived) {
      await emit(tx, { type: input.archived ? "prompt.archived" : "prompt.unarchived", promptId: prompt.id, slug: prompt.slug });
    }
    return updated!;
  });
  await flushEvents(ctx);
  return result;
}
