import { parseParams, respond, route } from "@/lib/http";
import { getQueueStats } from "@/lib/reviews";
import { QueueStatsOp } from "@/lib/reviews/wire";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/** Progress, thumbs-up rates per version and model (95% Wilson), pairwise win rates, agreement (Cohen / Fleiss kappa). */
export const GET = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, QueueStatsOp.params);
  const ctx = await callerForQueue(req, queueId);
  return respond(QueueStatsOp, await getQueueStats({ ctx, input: { queueId } }));
});
