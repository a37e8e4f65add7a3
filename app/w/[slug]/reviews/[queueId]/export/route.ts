import { sessionWorkspace } from "@/lib/auth/session";
import { route } from "@/lib/http";
import { exportQueueCsv } from "@/lib/reviews";

export const dynamic = "force-dynamic";

/**
 * Every review of a queue as CSV (signed-in members who may see the queue's results; a blind queue's export is for
 * editors and above). Another workspace's queue is a 404.
 */
export const GET = route(async (_req: Request, { params }: { params: Promise<{ slug: string; queueId: string }> }) => {
  const { slug, queueId } = await params;
  const { ctx } = await sessionWorkspace(slug);
  const { filename, csv } = await exportQueueCsv({ ctx, input: { queueId } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
