import { verifyAuditChain } from "@/lib/audit";
import { apiKeyRoute } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Recomputes the workspace's audit chain (scope admin). 200 either way: `ok` says whether it holds. */
export const GET = apiKeyRoute(async (_req, ctx) => {
  const { ok, events, firstBrokenEventId, reason } = await verifyAuditChain(ctx);
  return Response.json(ok ? { ok, events } : { ok, events, firstBrokenEventId, reason }, { headers: { "Cache-Control": "no-store" } });
});
