import { z } from "zod";
import { sessionWorkspace } from "@/lib/auth/session";
import { issueDraftToken } from "@/lib/drafts";
import { readJson, route } from "@/lib/http";

export const dynamic = "force-dynamic";

const Body = z.object({ workspace: z.string().min(1).max(40), prompt: z.string().min(1).max(120) });

/** `{workspace, prompt}` (slug or id) with a signed-in session -> `{url, token, role}` for the live draft. */
export const POST = route(async (req) => {
  const body = await readJson(req, Body, 4096);
  const { ctx } = await sessionWorkspace(body.workspace);
  const { url, token, role } = await issueDraftToken({ ctx, input: { prompt: body.prompt } });
  return Response.json({ url, token, role }, { headers: { "Cache-Control": "no-store" } });
});
