import { z } from "zod";
import { GENERATION_SOURCES, GENERATION_STATUSES } from "@/db/schema/generations";

/** Rows per recordGenerations call (the ingestion endpoint's batch size). */
export const MAX_GENERATIONS_PER_BATCH = 1000;
/** Serialized JSON size per field, in characters. */
export const FIELD_LIMITS = { input: 4_000_000, output: 4_000_000, variables: 256_000, params: 16_000, metadata: 64_000, error: 20_000 } as const;
/** A cost above this for one call is a client bug, not a bill (the column holds numeric(20,12)). */
export const MAX_COST_USD = 1_000_000;

const INT4_MAX = 2_147_483_647;
const text = (field: string, max: number) => z.string({ error: `${field} must be a string.` }).max(max, `${field} must be at most ${max} characters.`);
const id = (field: string) => text(field, 200).min(1, `${field} must not be empty.`);
const uuid = (field: string) => z.uuid(`${field} must be a UUID.`);
const count = (field: string) =>
  z
    .number({ error: `${field} must be a number.` })
    .int(`${field} must be a whole number.`)
    .min(0, `${field} must be 0 or more.`)
    .max(INT4_MAX, `${field} is too large.`)
    .nullable()
    .optional();
const when = (field: string) =>
  z
    .union([z.date(), z.iso.datetime({ offset: true })], { error: `${field} must be an ISO 8601 date-time with a time zone.` })
    .transform((v) => (v instanceof Date ? v : new Date(v)))
    .refine((d) => !Number.isNaN(d.getTime()), `${field} must be a valid date.`)
    .optional();
const record = (field: string) => z.record(z.string(), z.unknown(), { error: `${field} must be an object.` });

/**
 * One generation to record. The field names are the ingestion item's (`POST /api/v1/generations`, DESIGN.md
 * "Ingestion"), so a parsed item can be passed as is; the rest are for callers inside the app (runs, evals, seeds).
 *
 * Which version it ran, in order of precedence: `promptVersionId` (the app's own runs), or `prompt` (slug) with one
 * of `version`, `label` (its current target; "latest" is the newest version) or `hash`, or `hash` alone (must match
 * one prompt). `prompt` alone links the prompt only. Every reference must be in the caller's workspace, or the row is
 * rejected. Who recorded it (member, API key) comes from ctx, not from the row.
 */
export const GenerationRecord = z
  .object({
    /** The client's id for the call (stored as external_id): a second row with the same id is a duplicate. */
    id: id("id").optional(),
    traceId: id("traceId").optional(),
    prompt: text("prompt", 200).min(1, "prompt must be a prompt slug.").optional(),
    version: z.number({ error: "version must be a number." }).int("version must be a whole number.").min(1, "version must be 1 or more.").max(INT4_MAX, "version is too large.").optional(),
    label: text("label", 36).min(1, "label must not be empty.").optional(),
    /** The version hash the caller served (stored as served_hash). */
    hash: text("hash", 128).min(1, "hash must not be empty.").optional(),
    model: text("model", 300).min(1, "model is required."),
    provider: text("provider", 100).min(1, "provider must not be empty.").optional(),
    input: z.unknown().optional(),
    output: text("output", FIELD_LIMITS.output).nullable().optional(),
    inputTokens: count("inputTokens"),
    outputTokens: count("outputTokens"),
    latencyMs: count("latencyMs"),
    timeToFirstTokenMs: count("timeToFirstTokenMs"),
    /** Absent or null: computed from the workspace's price table and the token counts. */
    costUsd: z
      .number({ error: "costUsd must be a number." })
      .min(0, "costUsd must be 0 or more.")
      .max(MAX_COST_USD, `costUsd must be at most ${MAX_COST_USD}.`)
      .nullable()
      .optional(),
    startedAt: when("startedAt"),
    endedAt: when("endedAt"),
    /** The label or deployment it was served under; defaults to `label` when one is given. */
    environment: text("environment", 100).min(1, "environment must not be empty.").optional(),
    status: z.enum(GENERATION_STATUSES, { error: `status must be one of ${GENERATION_STATUSES.join(", ")}.` }).optional(),
    error: text("error", FIELD_LIMITS.error).nullable().optional(),
    /** The end user's id as the calling application knows it (stored as user_ref). */
    userId: id("userId").optional(),
    metadata: record("metadata").optional(),

    // In-app callers.
    promptId: uuid("promptId").optional(),
    promptVersionId: uuid("promptVersionId").optional(),
    connectionId: uuid("connectionId").optional(),
    isDraft: z.boolean().optional(),
    params: record("params").optional(),
    variables: record("variables").optional(),
    schemaValid: z.boolean().nullable().optional(),
    source: z.enum(GENERATION_SOURCES, { error: `source must be one of ${GENERATION_SOURCES.join(", ")}.` }).optional(),
    runGroupId: uuid("runGroupId").optional(),
    /** When the row counts as recorded (imports, the demo); defaults to now. */
    createdAt: when("createdAt"),
  })
  .superRefine((r, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: "custom", message, path: [path] });
    if (r.version !== undefined && r.label !== undefined) issue("Give at most one of version and label.", "label");
    if ((r.version !== undefined || r.label !== undefined) && r.prompt === undefined && r.promptId === undefined) issue("version and label need prompt (the slug).", "prompt");
    if (r.prompt !== undefined && r.promptId !== undefined) issue("Give prompt (slug) or promptId, not both.", "promptId");
    if (r.promptVersionId !== undefined && (r.version !== undefined || r.label !== undefined)) issue("promptVersionId excludes version and label.", "promptVersionId");
    if (r.startedAt && r.endedAt && r.endedAt < r.startedAt) issue("endedAt must not be before startedAt.", "endedAt");
    if (r.isDraft && (r.promptVersionId || r.version !== undefined || r.label !== undefined || r.hash)) issue("A draft run has no version.", "isDraft");
    for (const field of ["input", "variables", "params", "metadata"] as const) {
      if (r[field] === undefined) continue;
      const json = JSON.stringify(r[field]);
      if (json === undefined) issue(`${field} must be JSON.`, field);
      else if (json.length > FIELD_LIMITS[field]) issue(`${field} is larger than ${FIELD_LIMITS[field]} characters of JSON.`, field);
      else if (UNSTORABLE.test(json)) issue(`${field} must not contain NUL characters or unpaired surrogates.`, field);
    }
    for (const field of ["id", "traceId", "prompt", "label", "hash", "model", "provider", "output", "environment", "error", "userId"] as const) {
      const v = r[field];
      if (typeof v === "string" && UNSTORABLE.test(JSON.stringify(v))) issue(`${field} must not contain NUL characters or unpaired surrogates.`, field);
    }
  });
export type GenerationRecord = z.input<typeof GenerationRecord>;
export type ParsedGenerationRecord = z.output<typeof GenerationRecord>;

/** In JSON text: an escaped NUL or lone surrogate (JSON.stringify escapes exactly those), not preceded by a backslash. */
const UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
