import { z } from "zod";
import { decodeParam, readJson, route } from "@/lib/http";
import { releaseItem } from "@/lib/reviews";
import { callerForQueue, type Params } from "../../caller";

export const dynamic = "force-dynamic";

const Body = z.object({ itemId: z.string({ error: "itemId is required." }) });

/** Ends the caller's lease on an item (skip, or stop reviewing): `{released}`. */
export const POST = route(async (req: Request, { params }: Params) => {
  const ctx = await callerForQueue(req, decodeParam((await params).id));
  const body = await readJson(req, Body);
  return Response.json(await releaseItem({ ctx, input: body }));
});
