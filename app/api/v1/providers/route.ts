import { apiKeyRoute, readJson } from "@/lib/http";
import { createProvider, CreateProviderInput, listProviders } from "@/lib/providers";

export const dynamic = "force-dynamic";

/** 201 with the connection, masked: the key never comes back, only `apiKeyHint` ("••••abcd"). */
export const POST = apiKeyRoute(async (req, ctx) => {
  const input = await readJson(req, CreateProviderInput, 16 * 1024);
  const connection = await createProvider({ ctx, input });
  return Response.json(connection, { status: 201 });
});

export const GET = apiKeyRoute(async (_req, ctx) => {
  return Response.json({ providers: await listProviders({ ctx }) });
});
