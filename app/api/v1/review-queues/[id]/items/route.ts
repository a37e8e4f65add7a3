import { z } from "zod";
import { decodeParam, readJson, route } from "@/lib/http";
import { addItems } from "@/lib/reviews";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

const Body = z.object({
  generationIds: z.array(z.string()).max(1000).optional(),
  /** Pairwise queues: explicit [a, b] pairs (same prompt and variables, different version or model). */
  pairs: z.array(z.tuple([z.string(), z.string()])).max(1000).optional(),
});

/** Adds generations -> 201 `{added, skipped: [{generationId, reason}]}`. */
export const POST = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  const body = await readJson(req, Body);
  const result = await addItems({ ctx, input: { queueId, generationIds: body.generationIds, pairs: body.pairs } });
  return Response.json(result, { status: 201 });
});
