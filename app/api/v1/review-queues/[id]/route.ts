import { parseParams, readBody, respond, route } from "@/lib/http";
import { deleteQueue, getQueue, presentQueue, updateQueue } from "@/lib/reviews";
import { DeleteQueue, GetQueue, UpdateQueue } from "@/lib/reviews/wire";
import { callerForQueue, type Params } from "../caller";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, GetQueue.params);
  const ctx = await callerForQueue(req, queueId);
  return respond(GetQueue, presentQueue(await getQueue({ ctx, input: { queueId } })));
});

/** Edits settings, reviewers, filter, or `archived` (scope runs:write / editor+). */
export const PATCH = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, UpdateQueue.params);
  const ctx = await callerForQueue(req, queueId);
  const body = await readBody(req, UpdateQueue);
  // What was saved is the answer: re-reading would ask for queues:read, which an editing key may lack.
  return respond(UpdateQueue, presentQueue(await updateQueue({ ctx, input: { ...body, queueId } })));
});

/** Deletes the queue with its items and reviews (scope admin / admin+). */
export const DELETE = route(async (req: Request, { params }: Params) => {
  const { id: queueId } = await parseParams(params, DeleteQueue.params);
  const ctx = await callerForQueue(req, queueId);
  return respond(DeleteQueue, await deleteQueue({ ctx, input: { queueId } }));
});
