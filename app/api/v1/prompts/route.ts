import { z } from "zod";
import { apiKeyRoute, readJson } from "@/lib/http";
import { createPrompt, listPrompts, presentPrompt, presentVersion } from "@/lib/prompts";

export const dynamic = "force-dynamic";

const Body = z.object({
  slug: z.string().max(120),
  type: z.enum(["text", "chat"]),
  content: z.unknown(),
  config: z.unknown().optional(),
  message: z.string(),
  semver: z.string().optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  isComponent: z.boolean().optional(),
});

export const POST = apiKeyRoute(async (req, ctx) => {
  const input = await readJson(req, Body);
  const { prompt, version, bump, reason } = await createPrompt({ ctx, input });
  return Response.json({ ...presentPrompt(prompt), version: presentVersion(version), bump, reason }, { status: 201 });
});

export const GET = apiKeyRoute(async (req, ctx) => {
  const q = new URL(req.url).searchParams;
  const { prompts, hasMore } = await listPrompts({
    ctx,
    input: {
      search: q.get("search") ?? undefined,
      folder: q.get("folder") ?? undefined,
      tag: q.get("tag") ?? undefined,
      label: q.get("label") ?? undefined,
      limit: q.has("limit") ? Number(q.get("limit")) : undefined,
      offset: q.has("offset") ? Number(q.get("offset")) : undefined,
    },
  });
  return Response.json({ prompts: prompts.map((p) => ({ ...presentPrompt(p), labels: p.labels })), hasMore });
});
