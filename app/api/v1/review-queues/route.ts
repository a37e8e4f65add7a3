import { apiKeyRoute, parseQuery, readBody, respond } from "@/lib/http";
import { createQueue, listQueues, presentQueue } from "@/lib/reviews";
import { CreateQueue, ListQueues } from "@/lib/reviews/wire";

export const dynamic = "force-dynamic";

/** Creates a queue (scope runs:write): `{name, mode, blind?, reviewsPerItem?, generationIds?, filter?, ...}` -> 201. */
export const POST = apiKeyRoute(async (req, ctx) => {
  const body = await readBody(req, CreateQueue);
  const { queue, added, skipped } = await createQueue({ ctx, input: body });
  return respond(CreateQueue, { ...presentQueue(queue), added, skipped });
});

/** The workspace's open queues with their progress (scope prompts:read); `?archived=1` for closed ones. */
export const GET = apiKeyRoute(async (req, ctx) => {
  const { archived } = parseQuery(req, ListQueues.query);
  const queues = await listQueues({ ctx, input: { archived: archived ?? false } });
  return respond(ListQueues, { queues });
});
