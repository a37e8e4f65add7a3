import { apiKeyRoute, readBody, respond } from "@/lib/http";
import { createProvider, listProviders } from "@/lib/providers";
import { connectionToWire, CreateProvider, ListProviders } from "@/lib/providers/wire";

export const dynamic = "force-dynamic";

/** 201 with the connection, masked: the key never comes back, only `apiKeyHint` ("••••abcd"). */
export const POST = apiKeyRoute(async (req, ctx) => {
  const input = await readBody(req, CreateProvider);
  return respond(CreateProvider, connectionToWire(await createProvider({ ctx, input })));
});

export const GET = apiKeyRoute(async (_req, ctx) => {
  return respond(ListProviders, { providers: (await listProviders({ ctx })).map(connectionToWire) });
});
