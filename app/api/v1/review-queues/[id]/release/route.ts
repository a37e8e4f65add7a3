import { parseParams, readBody, respond, route } from "@/lib/http";
import { releaseItem } from "@/lib/reviews";
import { ReleaseItem } from "@/lib/reviews/wire";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

/** Ends the caller's lease on an item (skip, or stop reviewing): `{released}`. */
export const POST = route(async (req: Request, { params }: Params) => {
  const { id } = await parseParams(params, ReleaseItem.params);
  const ctx = await callerForQueue(req, id);
  const body = await readBody(req, ReleaseItem);
  return respond(ReleaseItem, await releaseItem({ ctx, input: body }));
});
