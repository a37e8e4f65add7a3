import { apiKeyRoute, parseParams, readBody, respond } from "@/lib/http";
import { renderPrompt } from "@/lib/prompts";
import { RenderPrompt } from "@/lib/prompts/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

export const POST = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { slug } = await parseParams(params, RenderPrompt.params);
  const { variables, ...selector } = await readBody(req, RenderPrompt);
  return respond(RenderPrompt, await renderPrompt({ ctx, input: { slug, ...selector, variables } }));
});
