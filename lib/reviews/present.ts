import type { ReviewQueue } from "@/db/schema";

/** The REST shape of a queue (for callers that manage queues; reviewers get ReviewerQueue). */
export function presentQueue(q: ReviewQueue & { assigneeIds?: string[] }) {
  return {
    id: q.id,
    name: q.name,
    instructions: q.instructions,
    mode: q.mode,
    blind: q.blind,
    reviewsPerItem: q.reviewsPerItem,
    rubric: q.rubric,
    allowComment: q.allowComment,
    filter: q.filter,
    samplingRate: q.samplingRate,
    assigneeIds: q.assigneeIds,
    archived: q.archivedAt !== null,
    createdAt: q.createdAt.toISOString(),
  };
}
