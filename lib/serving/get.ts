import "server-only";
import { getDb, type Db } from "@/db/client";
import { authorize } from "@/lib/context";
import { decodeParam } from "@/lib/http";
import { getServedVersion } from "@/lib/prompts";
import { GetServedVersion } from "@/lib/prompts/wire";
import { consumeApiKeyRequest } from "@/lib/rate-limit";
import { authenticateApiKey } from "@/lib/api-keys";
import { bearerFrom, JSON_TYPE, servedError, type ServedResponse } from "./respond";
import { cachedOrLoad, servingState, type CachedServe } from "./state";

export interface ServeGetRequest {
  /** The path segment after /prompts/, as it arrived (URL-encoded or not). */
  slug: string;
  /** The query string, with or without its "?". */
  search: string;
  authorization: string | null;
  ifNoneMatch: string | null;
}

const CACHE_CONTROL = "private, no-cache";

/** The caller's key context: cached on the hot path when the serving cache is on, straight from the database otherwise. */
export async function keyContext(db: Db, authorization: string | null) {
  const key = bearerFrom(authorization);
  const state = servingState();
  const ctx = state ? await state.keys.authenticate(db, key) : await authenticateApiKey({ db, key });
  if (ctx.actor.kind === "api_key") await consumeApiKeyRequest(ctx.actor.keyId);
  return ctx;
}

/** `?label=` | `?version=` [`&at=`], as the route parses it: each parameter's first value. */
function parseSearch(search: string) {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in raw)) raw[k] = v;
  return GetServedVersion.query.parse(raw);
}

type Parsed = { slug: string; selector: ReturnType<typeof parseSearch> };
const PARSED_MAX = 5_000;
const parsedMemo = new Map<string, Parsed>();

/**
 * Slug and selector, parsed by the wire schemas; memoized by the raw request text (parsing is pure and was the
 * largest cost per request). Bounded; failures are not kept, so a bad request is parsed, and refused, every time.
 */
function parseRequest(rawSlug: string, search: string): Parsed {
  const memoKey = `${rawSlug}?${search}`;
  const hit = parsedMemo.get(memoKey);
  if (hit) return hit;
  const { slug } = GetServedVersion.params.parse({ slug: decodeParam(rawSlug) });
  const parsed = { slug, selector: parseSearch(search) };
  if (parsedMemo.size >= PARSED_MAX) parsedMemo.clear();
  parsedMemo.set(memoKey, parsed);
  return parsed;
}

export function selectorKey(kind: string, slug: string, s: { label?: string; version?: number; at?: Date }): string {
  const label = s.version === undefined ? (s.label ?? "production") : "";
  return `${kind}\0${slug}\0${label}\0${s.version ?? ""}\0${s.at?.toISOString() ?? ""}`;
}

/**
 * `GET /api/v1/prompts/{slug}`: the version behind ?label= (default production) or ?version=, optionally ?at=,
 * with ETag/304. The one implementation: server.ts calls it before Next's router, the Next route calls it too.
 */
export async function serveGet(req: ServeGetRequest, db: Db = getDb()): Promise<ServedResponse> {
  try {
    const ctx = await keyContext(db, req.authorization);
    const { slug, selector } = parseRequest(req.slug, req.search);
    authorize(ctx, "prompts:read");
    const { serve: served } = await cachedOrLoad(
      ctx.workspace.id,
      selectorKey("get", slug, selector),
      "get",
      async () => ({ kind: "get", serve: await loadServe(ctx, slug, selector) }),
      ({ serve }) => ({ deps: [slug], bytes: serve.body.length * 2 + 200 }),
    );
    if (req.ifNoneMatch === served.etag) return { status: 304, headers: { ETag: served.etag, "Cache-Control": CACHE_CONTROL }, body: null };
    return { status: 200, headers: served.headers, body: served.body };
  } catch (e) {
    return servedError(e);
  }
}

async function loadServe(ctx: Parameters<typeof getServedVersion>[0]["ctx"], slug: string, selector: { label?: string; version?: number; at?: Date }): Promise<CachedServe> {
  const { prompt, version, labels } = await getServedVersion({ ctx, input: { slug, ...selector } });
  const data = {
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
  };
  // Shaped by the published schema, as `respond` does: the bytes are those the route always sent.
  const body = JSON.stringify(GetServedVersion.success.schema.parse(data));
  const etag = `"${version.hash.slice(0, 32)}-${labels.join(",")}"`;
  // Built once per entry: the hot path writes them as they are.
  const headers = { ETag: etag, "Cache-Control": CACHE_CONTROL, "content-type": JSON_TYPE, "content-length": String(Buffer.byteLength(body)) };
  return { body, etag, headers };
}
