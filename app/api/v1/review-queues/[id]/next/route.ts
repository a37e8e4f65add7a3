import { errorResponse, parseParams, readBody, respond, route } from "@/lib/http";
import { nextItem } from "@/lib/reviews";
import { NextItem } from "@/lib/reviews/wire";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/**
 * The next item leased to the signed-in caller for ~10 minutes, `{item, progress}`; 404 when none is left for them.
 * `exclude`: items skipped in this session. API keys get 403: reviews belong to a person.
 */
export const POST = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, NextItem.params);
  const ctx = await callerForQueue(req, queueId);
  const body = await readBody(req, NextItem);
  const result = await nextItem({ ctx, input: { queueId, exclude: body?.exclude } });
  if (!result.item) return errorResponse("not_found", "No item in this queue needs your review right now.");
  return respond(NextItem, result);
});
