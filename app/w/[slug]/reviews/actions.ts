"use server";
import { revalidatePath } from "next/cache";
import { withWorkspace } from "@/lib/auth/actions";
import {
  addItems,
  createQueue,
  deleteQueue,
  nextItem,
  releaseItem,
  submitReview,
  undoLastReview,
  updateQueue,
  type CreateQueueInput,
  type SubmitReviewInput,
  type UpdateQueueInput,
} from "@/lib/reviews";

const refresh = (ws: string) => revalidatePath(`/w/${ws}/reviews`, "layout");

export async function createQueueAction(ws: string, input: CreateQueueInput) {
  const res = await withWorkspace(ws, (ctx) => createQueue({ ctx, input }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: { id: res.data.queue.id, added: res.data.added, skipped: res.data.skipped.length } } : res;
}

export async function updateQueueAction(ws: string, input: UpdateQueueInput) {
  const res = await withWorkspace(ws, (ctx) => updateQueue({ ctx, input }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: null } : res;
}

export async function deleteQueueAction(ws: string, queueId: string) {
  const res = await withWorkspace(ws, (ctx) => deleteQueue({ ctx, input: { queueId } }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: null } : res;
}

export async function addItemsAction(ws: string, queueId: string, generationIds: string[]) {
  const res = await withWorkspace(ws, (ctx) => addItems({ ctx, input: { queueId, generationIds } }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: { added: res.data.added, skipped: res.data.skipped.length } } : res;
}

// The review screen's round trips: every result is the blind-safe reviewer view (no version, label or model).

export async function nextItemAction(ws: string, queueId: string, exclude: string[]) {
  return withWorkspace(ws, (ctx) => nextItem({ ctx, input: { queueId, exclude } }));
}

/** Submits and fetches the next item in one round trip. */
export async function submitReviewAction(ws: string, queueId: string, input: SubmitReviewInput, exclude: string[]) {
  return withWorkspace(ws, async (ctx) => {
    const review = await submitReview({ ctx, input });
    return { review, ...(await nextItem({ ctx, input: { queueId, exclude } })) };
  });
}

export async function undoReviewAction(ws: string, queueId: string) {
  return withWorkspace(ws, (ctx) => undoLastReview({ ctx, input: { queueId } }));
}

export async function releaseItemAction(ws: string, itemId: string) {
  return withWorkspace(ws, (ctx) => releaseItem({ ctx, input: { itemId } }));
}
