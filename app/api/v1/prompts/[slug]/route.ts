import { apiKeyRoute, parseParams, parseQuery, respond } from "@/lib/http";
import { getServedVersion } from "@/lib/prompts";
import { GetServedVersion } from "@/lib/prompts/wire";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

/** Serving: the version behind ?label= (default production) or ?version=, optionally ?at=. ETag = version hash. */
export const GET = apiKeyRoute(async (req, ctx, { params }: Params) => {
  const { slug } = await parseParams(params, GetServedVersion.params);
  const selector = parseQuery(req, GetServedVersion.query);
  const { prompt, version, labels } = await getServedVersion({ ctx, input: { slug, ...selector } });
  const etag = `"${version.hash.slice(0, 32)}-${labels.join(",")}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return respond(
    GetServedVersion,
    {
      slug: prompt.slug,
      type: prompt.type,
      version: version.number,
      semver: version.semver,
      labels,
      content: version.content,
      config: version.config,
      variables: version.variables,
      hash: version.hash,
      createdAt: version.createdAt.toISOString(),
    },
    { headers },
  );
});
