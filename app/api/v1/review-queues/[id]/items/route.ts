import { parseParams, readBody, respond, route } from "@/lib/http";
import { addItems } from "@/lib/reviews";
import { AddQueueItems } from "@/lib/reviews/wire";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/** Adds generations -> 201 `{added, skipped: [{generationId, reason}]}`. */
export const POST = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, AddQueueItems.params);
  const ctx = await callerForQueue(req, queueId);
  const body = await readBody(req, AddQueueItems);
  return respond(AddQueueItems, await addItems({ ctx, input: { queueId, generationIds: body.generationIds, pairs: body.pairs } }));
});
