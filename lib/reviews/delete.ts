import "server-only";
import { eq } from "drizzle-orm";
import { reviewQueues } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { getQueueInWorkspace } from "./internal";
import { QueueRefInput } from "./schemas";

/** Deletes a queue with its items, leases and reviews (admin+). Playground thumbs on the same outputs stay. */
export async function deleteQueue({ ctx, input }: { ctx: WorkspaceCtx; input: QueueRefInput }): Promise<{ id: string }> {
  authorize(ctx, "queues:delete");
  const data = QueueRefInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const queue = await getQueueInWorkspace(tx.db, ctx.workspace.id, data.queueId, { lock: true });
    await tx.db.delete(reviewQueues).where(eq(reviewQueues.id, queue.id));
    await appendAudit(tx, { action: "review_queue.delete", targetType: "review_queue", targetId: queue.id, data: { name: queue.name, mode: queue.mode } });
    return { id: queue.id };
  });
}
