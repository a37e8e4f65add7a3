import "server-only";
import { eq } from "drizzle-orm";
import { reviewQueueAssignees, reviewQueues, type ReviewQueue } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { normaliseFilter } from "./filter";
import { assigneesOf, checkAssignees, getQueueInWorkspace } from "./internal";
import { UpdateQueueInput } from "./schemas";

/**
 * Edits a queue's settings, reviewers, filter, or closes / reopens it (editor+). Its mode never changes.
 * Returns the queue as saved, with its assignees, so callers never re-read it under another permission (a
 * caller allowed to edit but not to read would otherwise see a 403 after the change was committed).
 */
export async function updateQueue({ ctx, input }: { ctx: WorkspaceCtx; input: UpdateQueueInput }): Promise<ReviewQueue & { assigneeIds: string[] }> {
  authorize(ctx, "queues:manage");
  const data = UpdateQueueInput.parse(input);
  const saved = await inTransaction(ctx, async (tx) => {
    const queue = await getQueueInWorkspace(tx.db, ctx.workspace.id, data.queueId, { lock: true });
    const set: Partial<typeof reviewQueues.$inferInsert> = {};
    const changed: Record<string, unknown> = {};
    const put = <K extends keyof typeof set>(key: K, value: (typeof set)[K] | undefined) => {
      if (value === undefined || JSON.stringify(value) === JSON.stringify(queue[key as keyof ReviewQueue])) return;
      set[key] = value;
      changed[key] = key === "instructions" ? "(changed)" : value;
    };
    put("name", data.name);
    put("instructions", data.instructions);
    put("blind", data.blind);
    put("reviewsPerItem", data.reviewsPerItem);
    put("rubric", data.rubric);
    put("allowComment", data.allowComment);
    put("samplingRate", data.samplingRate);
    if (data.filter !== undefined) put("filter", data.filter === null ? null : await normaliseFilter(tx.db, ctx.workspace.id, data.filter));
    if (data.archived !== undefined && data.archived !== Boolean(queue.archivedAt)) {
      set.archivedAt = data.archived ? new Date() : null;
      changed.archived = data.archived;
    }
    if (data.assigneeIds !== undefined) {
      const next = await checkAssignees(tx.db, ctx.workspace.id, data.assigneeIds);
      const before = (await tx.db.select({ userId: reviewQueueAssignees.userId }).from(reviewQueueAssignees).where(eq(reviewQueueAssignees.queueId, queue.id))).map((r) => r.userId);
      if ([...before].sort().join() !== [...next].sort().join()) {
        await tx.db.delete(reviewQueueAssignees).where(eq(reviewQueueAssignees.queueId, queue.id));
        if (next.length) await tx.db.insert(reviewQueueAssignees).values(next.map((userId) => ({ queueId: queue.id, userId })));
        changed.assignees = next.length;
      }
    }
    if (Object.keys(changed).length === 0) return queue;
    const [row] = Object.keys(set).length ? await tx.db.update(reviewQueues).set(set).where(eq(reviewQueues.id, queue.id)).returning() : [queue];
    await appendAudit(tx, { action: "review_queue.update", targetType: "review_queue", targetId: queue.id, data: { name: row!.name, changed } });
    return row!;
  });
  return { ...saved, assigneeIds: await assigneesOf(ctx.db, saved.id) };
}
