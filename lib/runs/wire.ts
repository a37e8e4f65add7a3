import { z } from "zod";
import { GENERATION_SOURCES, GENERATION_STATUSES } from "@/db/schema";
import { bodyInt, IsoTimestamp, queryInt, safeText } from "@/lib/http/schema";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";
import { LabelParam } from "@/lib/prompts/wire";
import { ModelRefSchema, RunParams, RUNS_PAGE_MAX } from "./schemas";

/* The public wire of model runs (pattern: lib/prompts/wire.ts). */

const TAG = "Runs";

export const Run = z
  .object({
    id: z.string(),
    status: z.enum(GENERATION_STATUSES),
    error: z.string().nullable(),
    output: z.string().nullable(),
    model: z.string().meta({ description: '"<connection>/<model id>" while the connection exists, else the bare model id.' }),
    provider: z.string(),
    prompt: z.string().nullable(),
    version: z.number().int().nullable().meta({ description: "null for draft runs." }),
    isDraft: z.boolean(),
    inputTokens: z.number().int().nullable(),
    outputTokens: z.number().int().nullable(),
    costUsd: z.number().nullable(),
    latencyMs: z.number().int().nullable(),
    ttftMs: z.number().int().nullable(),
    schemaValid: z.boolean().nullable(),
    source: z.enum(GENERATION_SOURCES),
    params: z.record(z.string(), z.unknown()),
    variables: z.record(z.string(), z.unknown()),
    input: z.unknown().meta({ description: "What was sent to the model (rendered text or messages)." }),
    runGroupId: z.string().nullable(),
    createdAt: IsoTimestamp,
  })
  .meta({ id: "Run" });

/** The 502 of a failed model call: the error shape plus what kind of failure, and the stored run. */
export const RunFailed = z.object({
  error: z.object({
    code: z.literal("provider_error"),
    kind: z.string().nullable().meta({ description: "unreachable, timeout, auth, rate_limited, model_not_found, ..." }),
    message: z.string(),
    generationId: z.string(),
  }),
  generation: Run,
});

export const RunPrompt = defineOperation({
  method: "post",
  path: "/runs",
  operationId: "runPrompt",
  tag: TAG,
  summary: "Run a prompt against a model",
  description:
    "Renders the version (by `label` or `version`, default production) with `variables`, calls the model and stores the run. 200 when the model answered; 502 when the call failed (the failed run is stored too).",
  auth: "apiKey",
  scope: "runs:write",
  body: z.object({
    prompt: safeText("prompt", { min: 1, max: 200 }).meta({ description: "The prompt's slug." }),
    label: LabelParam.optional(),
    version: bodyInt("version", { min: 1 }).optional(),
    model: ModelRefSchema.pipe(safeText("model", { max: 300 })),
    variables: z.record(safeText("variable name", { max: 200 }), z.unknown(), { error: "variables must be an object." }).default({}),
    params: RunParams.optional(),
    runGroupId: z.uuid("runGroupId must be a UUID.").optional(),
  }),
  success: { status: 200, description: "The stored run.", schema: Run },
  errors: [...COMMON_ERRORS, 413, 429],
  extra: [{ status: 502, description: "The model call failed; the failed run is stored and returned.", schema: RunFailed }],
});

export const ListRuns = defineOperation({
  method: "get",
  path: "/runs",
  operationId: "listRuns",
  tag: TAG,
  summary: "List runs, newest first",
  auth: "apiKey",
  scope: "prompts:read",
  query: z.object({
    prompt: safeText("prompt", { min: 1, max: 200 }).optional().meta({ description: "Only runs of this prompt (slug)." }),
    limit: queryInt("limit", { min: 1, max: RUNS_PAGE_MAX, description: "Page size (default 50)." }).optional(),
    cursor: safeText("cursor", { max: 200 }).optional().meta({ description: "The previous page's nextCursor." }),
  }),
  success: { status: 200, description: "A page of runs.", schema: z.object({ runs: z.array(Run), nextCursor: z.string().nullable() }) },
  errors: COMMON_ERRORS,
});

export const GetRun = defineOperation({
  method: "get",
  path: "/runs/{id}",
  operationId: "getRun",
  tag: TAG,
  summary: "Get one run",
  auth: "apiKey",
  scope: "prompts:read",
  params: z.object({ id: safeText("id", { min: 1, max: 100 }) }),
  success: { status: 200, description: "The run.", schema: Run },
  errors: COMMON_ERRORS,
});
