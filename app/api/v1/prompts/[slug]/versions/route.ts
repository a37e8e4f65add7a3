import { z } from "zod";
import { apiKeyRoute, decodeParam, readJson } from "@/lib/http";
import { commitVersion, listVersions, presentVersion } from "@/lib/prompts";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

const Body = z.object({ content: z.unknown(), config: z.unknown().optional(), message: z.string(), semver: z.string().optional() });

export const POST = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const slug = decodeParam((await params).slug);
  const input = await readJson(req, Body);
  const { version, bump, reason } = await commitVersion({ ctx, input: { ...input, slug } });
  return Response.json({ ...presentVersion(version), bump, reason }, { status: 201 });
});

export const GET = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const slug = decodeParam((await params).slug);
  const q = new URL(req.url).searchParams;
  const versions = await listVersions({ ctx, slug, limit: Number(q.get("limit") ?? 100), offset: Number(q.get("offset") ?? 0) });
  return Response.json({ versions: versions.map((v) => ({ ...presentVersion(v), labels: v.labels })) });
});
