import { apiKeyRoute, parseQuery, readBody, respond } from "@/lib/http";
import { listRuns, presentRun, runPrompt } from "@/lib/runs";
import { ListRuns, RunFailed, RunPrompt } from "@/lib/runs/wire";

export const dynamic = "force-dynamic";

/**
 * Runs a prompt and answers with the stored generation: 200 when the model answered; 502 when the call failed (the
 * failed run is stored too): `{ error: { code: "provider_error", kind, message, generationId }, generation }`.
 * Request problems are the usual 4xx (400 missing variable, 404 unknown prompt or connection, 429 concurrency cap).
 */
export const POST = apiKeyRoute(async (req, ctx) => {
  const body = await readBody(req, RunPrompt);
  // req.signal: a client that hangs up cancels the model call.
  const run = await runPrompt({ ctx, input: { ...body, source: "api", signal: req.signal } });
  const generation = presentRun(run);
  if (run.status === "error") {
    return respond(
      { success: { status: 502, schema: RunFailed } },
      {
        error: { code: "provider_error", kind: run.errorKind, message: `${run.error} The failed run is stored as generation ${run.id}.`, generationId: run.id },
        generation,
      },
    );
  }
  return respond(RunPrompt, generation);
});

export const GET = apiKeyRoute(async (req, ctx) => {
  const q = parseQuery(req, ListRuns.query);
  const { runs, nextCursor } = await listRuns({ ctx, input: { promptSlug: q.prompt, limit: q.limit, cursor: q.cursor } });
  return respond(ListRuns, { runs: runs.map(presentRun), nextCursor });
});
