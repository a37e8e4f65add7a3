import "server-only";
import { and, eq } from "drizzle-orm";
import { reviewLeases } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { getItemInWorkspace, reviewerId } from "./internal";
import { ItemRefInput } from "./schemas";

/** Gives an item back to the pool: the caller's lease on it ends now (skip, or leaving the queue). */
export async function releaseItem({ ctx, input }: { ctx: WorkspaceCtx; input: ItemRefInput }): Promise<{ released: boolean }> {
  const userId = reviewerId(ctx); // first: an API key gets the reason, not a missing-scope message
  authorize(ctx, "reviews:write");
  const data = ItemRefInput.parse(input);
  const { item } = await getItemInWorkspace(ctx.db, ctx.workspace.id, data.itemId);
  const gone = await ctx.db
    .delete(reviewLeases)
    .where(and(eq(reviewLeases.itemId, item.id), eq(reviewLeases.userId, userId)))
    .returning({ id: reviewLeases.id });
  return { released: gone.length > 0 };
}
