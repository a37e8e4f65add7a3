import { apiKeyRoute, parseParams, parseQuery, respond } from "@/lib/http";
import { labelHistory } from "@/lib/labels";
import { LabelHistory } from "@/lib/labels/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string; label: string }> };

export const GET = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { slug, label } = await parseParams(params, LabelHistory.params);
  const { limit } = parseQuery(req, LabelHistory.query);
  const events = await labelHistory({ ctx, input: { slug, label, limit } });
  return respond(LabelHistory, {
    events: events.map((e) => ({ id: e.id, label: e.label, kind: e.kind, from: e.from, to: e.to, reason: e.reason, actor: e.actor, at: e.at.toISOString() })),
  });
});
