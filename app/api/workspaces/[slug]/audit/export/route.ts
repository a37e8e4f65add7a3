import { exportAuditJsonl } from "@/lib/audit";
import { getSessionUser } from "@/lib/auth/session";
import { userCtx } from "@/lib/context";
import { unauthorized } from "@/lib/errors";
import { route } from "@/lib/http";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * The workspace's audit log as JSON Lines (admin+), streamed oldest first. Signed-in members only: another
 * workspace is a 404, a role below admin a 403 (both before the first byte).
 */
export const GET = route(async (_req: Request, { params }: { params: Promise<{ slug: string }> }) => {
  const { slug } = await params;
  const user = await getSessionUser();
  if (!user) throw unauthorized("Sign in to export the audit log.");
  const ctx = await loadWorkspaceForUser(userCtx(user.id).db, user.id, slug);
  const lines = exportAuditJsonl(ctx);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        logError("[promptyard] audit export failed mid-stream", e);
        controller.error(e);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${ctx.workspace.slug}-${date}.jsonl"`,
      "Cache-Control": "no-store",
    },
  });
});
