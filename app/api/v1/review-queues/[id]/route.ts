import { decodeParam, readJson, route } from "@/lib/http";
import { deleteQueue, getQueue, presentQueue, UpdateQueueInput, updateQueue } from "@/lib/reviews";
import { callerForQueue, type Params } from "../caller";

export const dynamic = "force-dynamic";

const Patch = UpdateQueueInput.omit({ queueId: true });

export const GET = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  return Response.json(presentQueue(await getQueue({ ctx, input: { queueId } })));
});

/** Edits settings, reviewers, filter, or `archived` (scope runs:write / editor+). */
export const PATCH = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  const body = await readJson(req, Patch);
  await updateQueue({ ctx, input: { ...body, queueId } });
  return Response.json(presentQueue(await getQueue({ ctx, input: { queueId } })));
});

/** Deletes the queue with its items and reviews (scope admin / admin+). */
export const DELETE = route(async (req: Request, { params }: Params) => {
  const queueId = decodeParam((await params).id);
  const ctx = await callerForQueue(req, queueId);
  return Response.json(await deleteQueue({ ctx, input: { queueId } }));
});
