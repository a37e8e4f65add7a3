import { decodeParam, route } from "@/lib/http";
import { getQueueStats } from "@/lib/reviews";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/** Progress, thumbs-up rates per version and model (95% Wilson), pairwise win rates, agreement (Cohen / Fleiss kappa). */
export const GET = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  return Response.json(await getQueueStats({ ctx, input: { queueId } }));
});
