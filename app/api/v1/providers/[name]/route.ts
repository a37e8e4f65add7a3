import { z } from "zod";
import { apiKeyRoute, decodeParam, readJson } from "@/lib/http";
import { deleteProvider, getProvider, updateProvider } from "@/lib/providers";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ name: string }> };

const Body = z.object({
  name: z.string().optional(),
  baseUrl: z.string().nullish(),
  apiKey: z.string().nullish(),
});

export const GET = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  return Response.json(await getProvider({ ctx, input: { name: decodeParam((await params).name) } }));
});

/** `{ name?: new name, baseUrl?, apiKey? }`; changing the base URL of a keyed connection needs `apiKey` again. */
export const PATCH = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const body = await readJson(req, Body, 16 * 1024);
  const name = decodeParam((await params).name);
  return Response.json(await updateProvider({ ctx, input: { name, rename: body.name, baseUrl: body.baseUrl, apiKey: body.apiKey } }));
});

export const DELETE = apiKeyRoute(async (_req, ctx, { params }: Params) => {
  return Response.json(await deleteProvider({ ctx, input: { name: decodeParam((await params).name) } }));
});
