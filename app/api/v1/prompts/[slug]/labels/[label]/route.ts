import { apiKeyRoute, parseParams, readBody, respond } from "@/lib/http";
import { moveLabel } from "@/lib/labels";
import { MoveLabel } from "@/lib/labels/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string; label: string }> };

export const PUT = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { slug, label } = await parseParams(params, MoveLabel.params);
  const input = await readBody(req, MoveLabel);
  return respond(MoveLabel, await moveLabel({ ctx, input: { slug, label, ...input } }));
});
