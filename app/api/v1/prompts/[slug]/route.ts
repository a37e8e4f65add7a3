import { serveGet, toWebResponse } from "@/lib/serving";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

/**
 * Serving: the version behind ?label= (default production) or ?version=, optionally ?at=. ETag = version hash.
 * server.ts answers this path before Next's router with the same lib/serving code; this route serves it when
 * Next is reached directly (tests, `next start`).
 */
export async function GET(req: Request, { params }: Params) {
  const { slug } = await params;
  return toWebResponse(
    await serveGet({ slug, search: new URL(req.url).search, authorization: req.headers.get("authorization"), ifNoneMatch: req.headers.get("if-none-match") }),
  );
}
