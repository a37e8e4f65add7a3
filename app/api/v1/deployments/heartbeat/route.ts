import { apiKeyRoute, readBody, respond } from "@/lib/http";
import { reportDeployment } from "@/lib/deployments";
import { ReportDeployment } from "@/lib/deployments/wire";

export const dynamic = "force-dynamic";

/** A deployment reports what it serves (SDK heartbeat, `promptyard status --report`); answers each prompt's drift. */
export const POST = apiKeyRoute(async (req, ctx) => {
  const body = await readBody(req, ReportDeployment);
  return respond(ReportDeployment, await reportDeployment({ ctx, input: body }));
});
