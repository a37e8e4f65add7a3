import { serveRender, toWebResponse } from "@/lib/serving";

export const dynamic = "force-dynamic";
type Params = { params: Promise<{ slug: string }> };

/** Renders a version with variables; the same lib/serving code as server.ts's hot path. */
export async function POST(req: Request, { params }: Params) {
  const { slug } = await params;
  return toWebResponse(
    await serveRender({
      slug,
      authorization: req.headers.get("authorization"),
      contentLength: Number(req.headers.get("content-length") ?? "0") || 0,
      readBody: () => req.text(),
    }),
  );
}
