import { apiKeyRoute } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Who am I: the workspace and scopes of the calling API key. */
export const GET = apiKeyRoute(async (_req, ctx) => Response.json({ slug: ctx.workspace.slug, name: ctx.workspace.name, scopes: ctx.scopes }));
