import "server-only";
import { labels, prompts, type Prompt } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { actorUserId, authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, invalidInput, isUniqueViolation } from "@/lib/errors";
import { flushEvents } from "@/lib/events";
import { commitInTransaction, type CommitResult } from "./commit";
import { SlugSchema } from "./pure";
import { CreatePromptInput } from "./schemas";

/** Environments every prompt has from the start (pointing at nothing until a version is promoted). */
export const DEFAULT_LABELS = ["production", "staging"] as const;

export async function createPrompt({ ctx, input }: { ctx: WorkspaceCtx; input: CreatePromptInput }): Promise<{ prompt: Prompt } & CommitResult> {
  authorize(ctx, "prompts:write");
  const data = CreatePromptInput.parse(input);
  const slug = SlugSchema.safeParse(data.slug);
  if (!slug.success) throw invalidInput(`slug: ${slug.error.issues[0]!.message}`);
  const result = await inTransaction(ctx, async (tx) => {
    let prompt: Prompt;
    try {
      // A savepoint, so a duplicate slug fails cleanly without poisoning an outer transaction.
      [prompt] = (await tx.db.transaction((sp) =>
        sp
          .insert(prompts)
          .values({
            workspaceId: ctx.workspace.id,
            slug: slug.data,
            type: data.type,
            description: data.description ?? "",
            tags: [...new Set(data.tags ?? [])],
            isComponent: data.isComponent ?? false,
            ownerId: actorUserId(ctx),
          })
          .returning(),
      )) as [Prompt];
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`A prompt with slug "${slug.data}" already exists in this workspace.`);
      throw e;
    }
    await tx.db.insert(labels).values(DEFAULT_LABELS.map((name) => ({ workspaceId: ctx.workspace.id, promptId: prompt.id, name })));
    await appendAudit(tx, {
      action: "prompt.create",
      targetType: "prompt",
      targetId: prompt.id,
      data: { slug: prompt.slug, type: prompt.type, isComponent: prompt.isComponent },
    });
    const commit = await commitInTransaction(tx, prompt, { content: data.content, config: data.config, message: data.message, semver: data.semver });
    return { prompt: { ...prompt, latestVersion: commit.version.number }, ...commit };
  });
  await flushEvents(ctx); // version.created (v1) reaches subscribers once committed
  return result;
}
