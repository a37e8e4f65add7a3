import { verifyAuditChain } from "@/lib/audit";
import { VerifyAudit } from "@/lib/audit/wire";
import { apiKeyRoute, respond } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Recomputes the workspace's audit chain (scope admin). 200 either way: `ok` says whether it holds. */
export const GET = apiKeyRoute(async (_req, ctx) => {
  const { ok, events, firstBrokenEventId, reason } = await verifyAuditChain(ctx);
  return respond(VerifyAudit, ok ? { ok, events } : { ok, events, firstBrokenEventId, reason }, { headers: { "Cache-Control": "no-store" } });
});
