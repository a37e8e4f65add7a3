import "server-only";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { invalidInput } from "@/lib/errors";
import { commitVersion } from "@/lib/prompts";
import { getPromptInWorkspace } from "@/lib/prompts";
import { promptDocName } from "@/lib/realtime/token";
import { withLoadedDoc } from "@/lib/realtime/registry";

/**
 * Snapshots the shared draft (the server's copy, what everyone connected sees) into a new version, then moves the
 * draft's base to it in one Yjs transaction, so every client shows the new version number.
 */
export async function commitDraft({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; message: string; semver?: string } }) {
  authorize(ctx, "prompts:write");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.slug);
  return withLoadedDoc(
    promptDocName(prompt.id),
    async (_doc, live) => {
      const draft = live.read();
      if (draft.problems?.length) throw invalidInput(draft.problems.join(" "));
      const result = await commitVersion({ ctx, input: { slug: prompt.slug, content: draft.content, config: draft.config, message: input.message, semver: input.semver } });
      live.rebase({ number: result.version.number, semver: result.version.semver });
      return result;
    },
    { workspaceId: ctx.workspace.id },
  );
}

/** The live draft as plain JSON (for previews and playground runs of the draft). */
export async function readLiveDraft({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string } }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.slug);
  return withLoadedDoc(promptDocName(prompt.id), (_doc, live) => live.read(), { workspaceId: ctx.workspace.id });
}
