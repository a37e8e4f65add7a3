import { apiKeyRoute, readJson } from "@/lib/http";
import { createQueue, CreateQueueInput, listQueues, presentQueue } from "@/lib/reviews";

export const dynamic = "force-dynamic";

/** Creates a queue (scope runs:write): `{name, mode, blind?, reviewsPerItem?, generationIds?, filter?, ...}` -> 201. */
export const POST = apiKeyRoute(async (req, ctx) => {
  const body = await readJson(req, CreateQueueInput);
  const { queue, added, skipped } = await createQueue({ ctx, input: body });
  return Response.json({ ...presentQueue(queue), added, skipped }, { status: 201 });
});

/** The workspace's open queues with their progress (scope prompts:read); `?archived=1` for closed ones. */
export const GET = apiKeyRoute(async (req, ctx) => {
  const archived = new URL(req.url).searchParams.get("archived") === "1";
  const queues = await listQueues({ ctx, input: { archived } });
  return Response.json({ queues: queues.map(({ mine: _m, mineToday: _t, availableToMe: _a, ...q }) => q) });
});
