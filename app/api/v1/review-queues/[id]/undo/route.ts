import { decodeParam, route } from "@/lib/http";
import { undoLastReview } from "@/lib/reviews";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/** Takes back the caller's latest review in this queue (within 10 minutes) and leases its item to them again. */
export const POST = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  return Response.json(await undoLastReview({ ctx, input: { queueId } }));
});
