import { apiKeyRoute, parseQuery, readBody, respond } from "@/lib/http";
import { createPrompt, listPrompts, presentPrompt, presentVersion } from "@/lib/prompts";
import { CreatePrompt, ListPrompts } from "@/lib/prompts/wire";

export const dynamic = "force-dynamic";

export const POST = apiKeyRoute(async (req, ctx) => {
  const input = await readBody(req, CreatePrompt);
  const { prompt, version, bump, reason } = await createPrompt({ ctx, input });
  return respond(CreatePrompt, { ...presentPrompt(prompt), version: presentVersion(version), bump, reason });
});

export const GET = apiKeyRoute(async (req, ctx) => {
  const input = parseQuery(req, ListPrompts.query);
  const { prompts, hasMore } = await listPrompts({ ctx, input });
  return respond(ListPrompts, { prompts: prompts.map((p) => ({ ...presentPrompt(p), labels: p.labels })), hasMore });
});
