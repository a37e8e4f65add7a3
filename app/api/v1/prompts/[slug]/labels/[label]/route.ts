import { z } from "zod";
import { apiKeyRoute, decodeParam, readJson } from "@/lib/http";
import { moveLabel } from "@/lib/labels";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string; label: string }> };

const Body = z.object({ version: z.number().int(), reason: z.string() });

export const PUT = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const p = await params;
  const input = await readJson(req, Body);
  const result = await moveLabel({ ctx, input: { slug: decodeParam(p.slug), label: decodeParam(p.label), ...input } });
  return Response.json(result);
});
