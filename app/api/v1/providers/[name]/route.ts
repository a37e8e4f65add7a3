import { apiKeyRoute, parseParams, readBody, respond } from "@/lib/http";
import { deleteProvider, getProvider, updateProvider } from "@/lib/providers";
import { connectionToWire, DeleteProvider, GetProvider, UpdateProvider } from "@/lib/providers/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ name: string }> };

export const GET = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  const { name } = await parseParams(params, GetProvider.params);
  return respond(GetProvider, connectionToWire(await getProvider({ ctx, input: { name } })));
});

/** `{ name?: new name, baseUrl?, apiKey? }`; changing the base URL of a keyed connection needs `apiKey` again. */
export const PATCH = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { name } = await parseParams(params, UpdateProvider.params);
  const body = await readBody(req, UpdateProvider);
  const updated = await updateProvider({ ctx, input: { name, rename: body.name, baseUrl: body.baseUrl, apiKey: body.apiKey } });
  return respond(UpdateProvider, connectionToWire(updated));
});

export const DELETE = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  const { name } = await parseParams(params, DeleteProvider.params);
  return respond(DeleteProvider, await deleteProvider({ ctx, input: { name } }));
});
