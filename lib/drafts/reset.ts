import "server-only";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { getVersion } from "@/lib/prompts";
import { promptDocName } from "@/lib/realtime/token";
import { withLoadedDoc } from "@/lib/realtime/registry";

/**
 * Replaces the live draft with a committed version, for everyone connected: the way out of a draft that can no
 * longer be read or committed, or a deliberate "discard all unsaved edits". Admins and owners only (it throws
 * away other people's work), and audited first: the draft's own writes go through the realtime server's
 * queue, which can't run inside this transaction (PGlite has one connection), so the event is committed before
 * the reset rather than around it (a reset that then fails leaves an event and an unchanged draft, never the
 * reverse).
 */
export async function resetDraftToVersion({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; version: number } }) {
  authorize(ctx, "drafts:reset");
  const { prompt, version } = await getVersion({ ctx, slug: input.slug, number: input.version });
  await inTransaction(ctx, (tx) => appendAudit(tx, { action: "draft.reset", targetType: "prompt", targetId: prompt.id, data: { slug: prompt.slug, version: version.number } }));
  await withLoadedDoc(
    promptDocName(prompt.id),
    (_doc, live) => live.reset({ type: prompt.type, content: version.content, config: version.config, baseVersion: version.number, baseSemver: version.semver }),
    { workspaceId: ctx.workspace.id },
  );
  return { slug: prompt.slug, version: version.number, semver: version.semver };
}
