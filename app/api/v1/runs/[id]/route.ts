import { apiKeyRoute, decodeParam } from "@/lib/http";
import { getRun, presentRun } from "@/lib/runs";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

export const GET = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  return Response.json(presentRun(await getRun({ ctx, input: { id: decodeParam((await params).id) } })));
});
