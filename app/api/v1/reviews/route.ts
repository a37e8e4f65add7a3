import type { z } from "zod";
import { readJson, route } from "@/lib/http";
import { submitReview, SubmitReviewInput } from "@/lib/reviews";
import { callerForItem } from "../review-queues/caller";

export const dynamic = "force-dynamic";

/**
 * `{itemId, verdict: "up"|"down"|"A"|"B"|"tie", labels?, comment?}` -> 201, the review. Signed-in session only (a
 * verdict belongs to a person); API keys get 403. Needs the caller's lease on the item, or a free slot.
 */
export const POST = route(async (req: Request) => {
  let body: z.output<typeof SubmitReviewInput> | undefined;
  const ctx = await callerForItem(req, async () => (body = await readJson(req, SubmitReviewInput)).itemId);
  body ??= await readJson(req, SubmitReviewInput);
  return Response.json(await submitReview({ ctx, input: body }), { status: 201 });
});
