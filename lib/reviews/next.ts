import "server-only";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { assertMayWork, getQueueInWorkspace, isUuid, presentReviewerItem, progressFor, reviewerId } from "./internal";
import { leaseNext } from "./lease";
import { NextItemInput } from "./schemas";
import type { NextItemResult } from "./types";

/**
 * The next item for the signed-in reviewer, leased to them for ~10 minutes (null when none is left for them), with
 * the queue's progress. `exclude`: items skipped this session; their leases are released and they are not offered.
 */
export async function nextItem({ ctx, input }: { ctx: WorkspaceCtx; input: NextItemInput }): Promise<NextItemResult> {
  const userId = reviewerId(ctx); // first: an API key gets the reason, not a missing-scope message
  authorize(ctx, "reviews:write");
  const data = NextItemInput.parse(input);
  const queue = await getQueueInWorkspace(ctx.db, ctx.workspace.id, data.queueId);
  await assertMayWork(ctx.db, queue, userId);
  const exclude = data.exclude.filter(isUuid);
  const leased = await inTransaction(ctx, (tx) => leaseNext(tx.db, queue, userId, exclude));
  const [item, progress] = await Promise.all([leased ? presentReviewerItem(ctx.db, leased.item, queue, leased.expiresAt) : null, progressFor(ctx.db, queue, userId)]);
  return { item, progress };
}
