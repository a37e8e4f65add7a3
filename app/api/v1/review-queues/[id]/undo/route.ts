import { parseParams, respond, route } from "@/lib/http";
import { undoLastReview } from "@/lib/reviews";
import { UndoReview } from "@/lib/reviews/wire";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/** Takes back the caller's latest review in this queue (within 10 minutes) and leases its item to them again. */
export const POST = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, UndoReview.params);
  const ctx = await callerForQueue(req, queueId);
  return respond(UndoReview, await undoLastReview({ ctx, input: { queueId } }));
});
