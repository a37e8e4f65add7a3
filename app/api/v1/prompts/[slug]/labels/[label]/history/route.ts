import { apiKeyRoute, decodeParam } from "@/lib/http";
import { labelHistory } from "@/lib/labels";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string; label: string }> };

export const GET = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const p = await params;
  const limit = Number(new URL(req.url).searchParams.get("limit") ?? 100);
  const events = await labelHistory({ ctx, input: { slug: decodeParam(p.slug), label: decodeParam(p.label), limit } });
  return Response.json({
    events: events.map((e) => ({ id: e.id, label: e.label, kind: e.kind, from: e.from, to: e.to, reason: e.reason, actor: e.actor, at: e.at.toISOString() })),
  });
});
