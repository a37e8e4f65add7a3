import { apiKeyRoute, respond } from "@/lib/http";
import { GetWorkspace } from "@/lib/workspaces/wire";

export const dynamic = "force-dynamic";

/** Who am I: the workspace and scopes of the calling API key. */
export const GET = apiKeyRoute(async (_req, ctx) => respond(GetWorkspace, { slug: ctx.workspace.slug, name: ctx.workspace.name, scopes: ctx.scopes }));
