import { apiKeyRoute, parseQuery, respond } from "@/lib/http";
import { listDeployments } from "@/lib/deployments";
import { ListDeployments } from "@/lib/deployments/wire";

export const dynamic = "force-dynamic";

export const GET = apiKeyRoute(async (req, ctx) => {
  const { prompt } = parseQuery(req, ListDeployments.query);
  return respond(ListDeployments, { deployments: await listDeployments({ ctx, input: { prompt } }) });
});
