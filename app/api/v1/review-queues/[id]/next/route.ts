import { z } from "zod";
import { errorResponse } from "@/lib/http";
import { decodeParam, readJson, route } from "@/lib/http";
import { nextItem } from "@/lib/reviews";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

const Body = z.object({ exclude: z.array(z.string()).max(1000).optional() }).optional();

/**
 * The next item leased to the signed-in caller for ~10 minutes, `{item, progress}`; 404 when none is left for them.
 * `exclude`: items skipped in this session. API keys get 403: reviews belong to a person.
 */
export const POST = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  const body = await readJson(req, Body);
  const result = await nextItem({ ctx, input: { queueId, exclude: body?.exclude } });
  if (!result.item) return errorResponse("not_found", "No item in this queue needs your review right now.");
  return Response.json(result);
});
