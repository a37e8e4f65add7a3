import { apiKeyRoute, parseParams, respond } from "@/lib/http";
import { getRun, presentRun } from "@/lib/runs";
import { GetRun } from "@/lib/runs/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ id: string }> };

export const GET = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  const { id } = await parseParams(params, GetRun.params);
  return respond(GetRun, presentRun(await getRun({ ctx, input: { id } })));
});
