import { z } from "zod";
import { apiKeyRoute, decodeParam, readJson } from "@/lib/http";
import { parseSelector, renderPrompt } from "@/lib/prompts";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

const Body = z.object({
  label: z.string().optional(),
  version: z.number().int().optional(),
  at: z.string().optional(),
  variables: z.record(z.string(), z.unknown()).default({}),
});

export const POST = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const slug = decodeParam((await params).slug);
  const body = await readJson(req, Body);
  const selector = parseSelector(body);
  return Response.json(await renderPrompt({ ctx, input: { slug, ...selector, variables: body.variables } }));
});
