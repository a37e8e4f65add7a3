import { apiKeyRoute, decodeParam } from "@/lib/http";
import { testConnection } from "@/lib/providers";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ name: string }> };

/** 200 `{ ok, message, latencyMs, models? }` whether or not the provider answered well: `ok` says which. */
export const POST = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  return Response.json(await testConnection({ ctx, input: { name: decodeParam((await params).name) } }));
});
