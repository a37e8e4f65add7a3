import { z } from "zod";
import type { GENERATION_SOURCES } from "@/db/schema/generations";
import { PromptConfigSchema } from "@/lib/prompts/pure";

export const RUN_SOURCES = ["playground", "eval", "production", "api"] as const satisfies readonly (typeof GENERATION_SOURCES)[number][];

const shape = PromptConfigSchema.shape;

/** Per-run overrides of the version's model settings. */
export const RunParams = z.strictObject(
  { temperature: shape.temperature, maxTokens: shape.maxTokens, topP: shape.topP, stop: shape.stop },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown param${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}. Allowed: temperature, maxTokens, topP, stop.` : undefined) },
);
export type RunParams = z.infer<typeof RunParams>;

/** "<connection>/<model id>"; the model id may itself contain "/" (vLLM: meta-llama/Llama-3.1-8B-Instruct). */
export const ModelRefSchema = z
  .string({ error: "model must be a string like openai/gpt-4o-mini." })
  .trim()
  .max(300, "model must be at most 300 characters.")
  .regex(/^[a-z0-9][a-z0-9-_]{0,39}\/\S.*$/, "model must be <connection>/<model id>, for example openai/gpt-4o-mini or ollama/llama3.1.");

export const RunPromptInput = z
  .object({
    prompt: z.string({ error: "prompt must be a prompt slug." }).min(1, "prompt must be a prompt slug.").max(200).optional(),
    /** A template written in the playground with no saved prompt: stored with no prompt or version, as a draft run. */
    freeform: z.object({ type: z.enum(["text", "chat"], { error: 'freeform.type must be "text" or "chat".' }), content: z.unknown(), config: z.unknown().optional() }).optional(),
    label: z.string().min(1).max(36).optional(),
    version: z.number({ error: "version must be a number." }).int("version must be a whole number.").positive("version must be 1 or more.").optional(),
    /** Unsaved content (the playground's editor): run it against the prompt without committing. */
    draft: z.object({ content: z.unknown(), config: z.unknown().optional() }).optional(),
    model: ModelRefSchema,
    variables: z.record(z.string(), z.unknown(), { error: "variables must be an object." }).default({}),
    params: RunParams.optional(),
    source: z.enum(RUN_SOURCES).default("playground"),
    /** Groups runs made together (side by side, a batch). */
    runGroupId: z.uuid("runGroupId must be a UUID.").optional(),
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, "signal must be an AbortSignal.").optional(),
  })
  .refine((v) => [v.label, v.version, v.draft].filter((x) => x !== undefined).length <= 1, { error: "Give at most one of label, version or draft." })
  .refine((v) => (v.prompt === undefined) !== (v.freeform === undefined), { error: "Give either prompt (a slug) or freeform (a template), not both." })
  .refine((v) => !v.freeform || [v.label, v.version, v.draft].every((x) => x === undefined), { error: "A freeform run takes no label, version or draft." });
export type RunPromptInput = z.input<typeof RunPromptInput>;

export const RUNS_PAGE_MAX = 200;

export const ListRunsInput = z.object({
  promptSlug: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1, "limit must be at least 1.").max(RUNS_PAGE_MAX, `limit must be at most ${RUNS_PAGE_MAX}.`).default(50),
  /** The nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type ListRunsInput = z.input<typeof ListRunsInput>;

export const RateGenerationInput = z.object({
  generationId: z.string(),
  verdict: z.enum(["up", "down"], { error: 'verdict must be "up", "down" or null.' }).nullable(),
});
export type RateGenerationInput = z.input<typeof RateGenerationInput>;
