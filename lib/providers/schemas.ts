import { z } from "zod";
import { CONNECTION_NAME_RE, PROVIDER_KINDS } from "./presets";

export const ConnectionNameSchema = z
  .string({ error: "name must be a string." })
  .trim()
  .regex(CONNECTION_NAME_RE, "name must be 1-40 characters: lower-case letters, digits, - and _, starting with a letter or digit (it is used in model ids like ollama/llama3).");

const BaseUrlSchema = z.string({ error: "baseUrl must be a string." }).trim().min(1, "baseUrl must not be empty.").max(500, "baseUrl must be at most 500 characters.");
const ApiKeySchema = z.string({ error: "apiKey must be a string." }).trim().min(1, "apiKey must not be empty.").max(1000, "apiKey must be at most 1000 characters.");

export const CreateProviderInput = z.object({
  name: ConnectionNameSchema,
  kind: z.enum(PROVIDER_KINDS, { error: `kind must be one of: ${PROVIDER_KINDS.join(", ")}.` }),
  baseUrl: BaseUrlSchema.nullish(),
  apiKey: ApiKeySchema.nullish(),
});
export type CreateProviderInput = z.input<typeof CreateProviderInput>;

export const UpdateProviderInput = z.object({
  /** The connection to change. */
  name: ConnectionNameSchema,
  rename: ConnectionNameSchema.optional(),
  /** null: back to the provider's official endpoint (not for openai-compatible). */
  baseUrl: BaseUrlSchema.nullish(),
  /** A new key; null removes the key (openai-compatible only); absent keeps it. */
  apiKey: ApiKeySchema.nullish(),
});
export type UpdateProviderInput = z.input<typeof UpdateProviderInput>;

export const ProviderNameInput = z.object({ name: ConnectionNameSchema });
export type ProviderNameInput = z.input<typeof ProviderNameInput>;

/** Test a saved connection by name, or unsaved settings before saving them. */
export const TestConnectionInput = z.union([
  // Unsaved settings first: an object with `kind` is never a lookup by name.
  z.object({ kind: z.enum(PROVIDER_KINDS), name: z.string().max(40).optional(), baseUrl: BaseUrlSchema.nullish(), apiKey: ApiKeySchema.nullish() }),
  ProviderNameInput,
]);
export type TestConnectionInput = z.input<typeof TestConnectionInput>;

export const MAX_CONCURRENT_RUNS_LIMIT = 64;

export const UpdateModelSettingsInput = z.object({
  allowPrivateEndpoints: z.boolean({ error: "allowPrivateEndpoints must be true or false." }).optional(),
  maxConcurrentRuns: z
    .number({ error: "maxConcurrentRuns must be a number." })
    .int("maxConcurrentRuns must be a whole number.")
    .min(1, `maxConcurrentRuns must be between 1 and ${MAX_CONCURRENT_RUNS_LIMIT}.`)
    .max(MAX_CONCURRENT_RUNS_LIMIT, `maxConcurrentRuns must be between 1 and ${MAX_CONCURRENT_RUNS_LIMIT}.`)
    .optional(),
});
export type UpdateModelSettingsInput = z.input<typeof UpdateModelSettingsInput>;
