import "server-only";
import { getDb, type Db } from "@/db/client";
import { authorize } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { decodeParam, DEFAULT_BODY_LIMIT, parseJsonText } from "@/lib/http";
import { loadRenderable, renderLoaded } from "@/lib/prompts";
import { RenderPrompt } from "@/lib/prompts/wire";
import { keyContext, selectorKey } from "./get";
import { JSON_TYPE, servedError, type ServedResponse } from "./respond";
import { cachedOrLoad } from "./state";

export interface ServeRenderRequest {
  slug: string;
  authorization: string | null;
  /** The declared Content-Length, when there was one (a larger one is a 413 before reading). */
  contentLength: number;
  /** Reads the body as text (called once, after authentication). */
  readBody(): Promise<string>;
}

const MAX_BODY = DEFAULT_BODY_LIMIT;

/**
 * `POST /api/v1/prompts/{slug}/render`: the selected version rendered with the body's variables. The version and
 * the component texts it includes are cached (evicted when the prompt or any of those components changes); the
 * render itself runs per request.
 */
export async function serveRender(req: ServeRenderRequest, db: Db = getDb()): Promise<ServedResponse> {
  try {
    const ctx = await keyContext(db, req.authorization);
    const { slug } = RenderPrompt.params.parse({ slug: decodeParam(req.slug) });
    if (req.contentLength > MAX_BODY) throw new AppError("too_large", `Request body is larger than ${Math.round(MAX_BODY / 1024)} KiB.`);
    const { variables, ...selector } = parseJsonText(await req.readBody(), RenderPrompt.body, MAX_BODY);
    authorize(ctx, "prompts:read");
    const { renderable } = await cachedOrLoad(
      ctx.workspace.id,
      selectorKey("render", slug, selector),
      "render",
      async () => ({ kind: "render", renderable: await loadRenderable({ ctx, input: { slug, ...selector } }) }),
      ({ renderable: r }) => ({
        deps: [slug, ...r.components.map((c) => c.slug)],
        bytes: JSON.stringify(r.content).length * 2 + [...r.partials.values()].reduce((n, p) => n + JSON.stringify(p).length * 2, 0) + 400,
      }),
    );
    const body = JSON.stringify(RenderPrompt.success.schema.parse(renderLoaded(renderable, variables)));
    return { status: 200, headers: { "content-type": JSON_TYPE }, body };
  } catch (e) {
    return servedError(e);
  }
}
