import type { z } from "zod";
import { readBody, respond, route } from "@/lib/http";
import { submitReview } from "@/lib/reviews";
import { SubmitReview } from "@/lib/reviews/wire";
import { callerForItem } from "../review-queues/caller";

export const dynamic = "force-dynamic";

/**
 * `{itemId, verdict: "up"|"down"|"A"|"B"|"tie", labels?, comment?}` -> 201, the review. Signed-in session only (a
 * verdict belongs to a person); API keys get 403. Needs the caller's lease on the item, or a free slot.
 */
export const POST = route(async (req: Request) => {
  let body: z.output<NonNullable<typeof SubmitReview.body>> | undefined;
  const ctx = await callerForItem(req, async () => (body = await readBody(req, SubmitReview)).itemId);
  body ??= await readBody(req, SubmitReview);
  return respond(SubmitReview, await submitReview({ ctx, input: body }));
});
