import { apiKeyRoute, parseParams, parseQuery, readBody, respond } from "@/lib/http";
import { commitVersion, listVersions, presentVersion } from "@/lib/prompts";
import { CommitVersion, ListVersions } from "@/lib/prompts/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

export const POST = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { slug } = await parseParams(params, CommitVersion.params);
  const input = await readBody(req, CommitVersion);
  const { version, bump, reason } = await commitVersion({ ctx, input: { ...input, slug } });
  return respond(CommitVersion, { ...presentVersion(version), bump, reason });
});

export const GET = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { slug } = await parseParams(params, ListVersions.params);
  const { limit, offset } = parseQuery(req, ListVersions.query);
  const versions = await listVersions({ ctx, slug, limit, offset });
  return respond(ListVersions, { versions: versions.map((v) => ({ ...presentVersion(v), labels: v.labels })) });
});
