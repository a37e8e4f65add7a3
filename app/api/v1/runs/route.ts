import { z } from "zod";
import { apiKeyRoute, readJson } from "@/lib/http";
import { listRuns, presentRun, RunParams, runPrompt } from "@/lib/runs";

export const dynamic = "force-dynamic";

const Body = z.object({
  prompt: z.string(),
  label: z.string().optional(),
  version: z.number().optional(),
  model: z.string(),
  variables: z.record(z.string(), z.unknown()).default({}),
  params: RunParams.optional(),
  runGroupId: z.string().optional(),
});

/**
 * Runs a prompt and answers with the stored generation: 200 when the model answered; 502 when the call failed (the
 * failed run is stored too): `{ error: { code: "provider_error", kind, message, generationId }, generation }`.
 * Request problems are the usual 4xx (400 missing variable, 404 unknown prompt or connection, 429 concurrency cap).
 */
export const POST = apiKeyRoute(async (req, ctx) => {
  const body = await readJson(req, Body);
  // req.signal: a client that hangs up cancels the model call.
  const run = await runPrompt({ ctx, input: { ...body, source: "api", signal: req.signal } });
  const generation = presentRun(run);
  if (run.status === "error") {
    return Response.json(
      {
        error: { code: "provider_error", kind: run.errorKind, message: `${run.error} The failed run is stored as generation ${run.id}.`, generationId: run.id },
        generation,
      },
      { status: 502 },
    );
  }
  return Response.json(generation);
});

export const GET = apiKeyRoute(async (req, ctx) => {
  const q = new URL(req.url).searchParams;
  const { runs, nextCursor } = await listRuns({
    ctx,
    input: { promptSlug: q.get("prompt") ?? undefined, limit: q.has("limit") ? Number(q.get("limit")) : undefined, cursor: q.get("cursor") ?? undefined },
  });
  return Response.json({ runs: runs.map(presentRun), nextCursor });
});
