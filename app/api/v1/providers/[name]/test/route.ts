import { apiKeyRoute, parseParams, respond } from "@/lib/http";
import { testConnection } from "@/lib/providers";
import { TestProvider } from "@/lib/providers/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ name: string }> };

/** 200 `{ ok, message, latencyMs, models? }` whether or not the provider answered well: `ok` says which. */
export const POST = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  const { name } = await parseParams(params, TestProvider.params);
  return respond(TestProvider, await testConnection({ ctx, input: { name } }));
});
