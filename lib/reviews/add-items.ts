import "server-only";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { getQueueInWorkspace } from "./internal";
import { insertItems, type AddItemsResult } from "./insert-items";
import { AddItemsInput } from "./schemas";

/** Adds hand-picked generations (pairwise: pairs, or generations paired by same input) to a queue (editor+). */
export async function addItems({ ctx, input }: { ctx: WorkspaceCtx; input: AddItemsInput }): Promise<AddItemsResult> {
  authorize(ctx, "queues:manage");
  const data = AddItemsInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const queue = await getQueueInWorkspace(tx.db, ctx.workspace.id, data.queueId, { lock: true });
    const result = await insertItems(tx.db, queue, { generationIds: data.generationIds, pairs: data.pairs });
    if (result.added > 0) {
      await appendAudit(tx, {
        action: "review_queue.items_add",
        targetType: "review_queue",
        targetId: queue.id,
        data: { added: result.added, skipped: result.skipped.length },
      });
    }
    return result;
  });
}
