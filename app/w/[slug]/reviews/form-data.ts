import "server-only";
import type { RunPickerRow } from "@/components/reviews/run-picker";
import type { WorkspaceCtx } from "@/lib/context";
import { listAssignableReviewers, listQueueSourceOptions } from "@/lib/reviews";
import { listRuns } from "@/lib/runs";

/** What the queue forms offer (editors+ only: it names versions and models): recent runs, filter options, reviewers. */
export async function queueFormData(ctx: WorkspaceCtx) {
  const [{ runs }, options, reviewers] = await Promise.all([listRuns({ ctx, input: { limit: 150 } }), listQueueSourceOptions({ ctx }), listAssignableReviewers({ ctx })]);
  const picker: RunPickerRow[] = runs
    .filter((r) => r.status === "success" && r.output)
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      prompt: r.promptSlug,
      version: r.isDraft ? null : r.versionNumber,
      model: r.connectionName ? `${r.connectionName}/${r.model}` : r.model,
      source: r.source,
      output: (r.output ?? "").slice(0, 200),
    }));
  return { runs: picker, options, reviewers: reviewers.map((r) => ({ userId: r.userId, name: r.name, email: r.email, role: r.role })) };
}
