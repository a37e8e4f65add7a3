import Ajv, { type ErrorObject } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import { invalidInput } from "@/lib/errors";

/*
 * Dialect: JSON Schema draft 2020-12 (what current model APIs document for structured output), unless the schema
 * declares `"$schema": "http://json-schema.org/draft-07/schema#"`, which is checked as draft-07 instead; the two
 * cannot share one Ajv instance. strict is off so vendor keywords ("x-...", descriptions in odd places) are allowed,
 * and formats are not checked here: an unknown "format" is a hint to the model, not an invalid schema.
 */
const MAX_BYTES = 64 * 1024;
const MAX_DEPTH = 64;
const DRAFT_2020 = ["https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#"];
const DRAFT_07 = ["http://json-schema.org/draft-07/schema", "http://json-schema.org/draft-07/schema#"];
const OPTIONS = { strict: false, validateFormats: false, logger: false } as const;

// Meta-validation only reads the user's schema, so one instance per dialect is safe to share. Compiling registers the
// schema (and its $id) in the instance, so that happens on a throwaway instance that skips meta-schema setup (~1 ms).
let shared: { d2020: Ajv2020; d07: Ajv } | undefined;
const metaValidators = () => (shared ??= { d2020: new Ajv2020(OPTIONS), d07: new Ajv(OPTIONS) });

const fail = (why: string) => invalidInput(`config.responseSchema is not a valid JSON Schema: ${why}`);

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return depth;
  let max = depth;
  for (const item of Object.values(value)) max = Math.max(max, depthOf(item, depth + 1));
  return max;
}

function describe(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}${allowed ? ` (${allowed.join(", ")})` : ""}`;
}

/** Throws invalidInput unless `schema` is a JSON object Ajv accepts as a schema (at most 64 KiB serialized). */
export function validateResponseSchema(schema: unknown): Record<string, unknown> {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) throw fail("it must be a JSON object.");
  let json: string;
  try {
    json = JSON.stringify(schema);
  } catch {
    throw fail("it is not serializable as JSON.");
  }
  const bytes = new TextEncoder().encode(json).length;
  if (bytes > MAX_BYTES) throw invalidInput(`config.responseSchema is too large: ${(bytes / 1024).toFixed(1)} KiB serialized, the limit is 64 KiB.`);
  if (depthOf(schema) > MAX_DEPTH) throw fail(`it nests deeper than ${MAX_DEPTH} levels.`);

  const declared = (schema as { $schema?: unknown }).$schema;
  const draft07 = typeof declared === "string" && DRAFT_07.includes(declared);
  if (declared !== undefined && !draft07 && !(typeof declared === "string" && DRAFT_2020.includes(declared))) {
    throw fail(`unsupported "$schema" ${JSON.stringify(declared)}; use draft 2020-12 (the default) or draft-07.`);
  }
  const meta = draft07 ? metaValidators().d07 : metaValidators().d2020;
  if (!meta.validateSchema(schema)) throw fail(describe(meta.errors![0]!));
  try {
    const compiler = draft07 ? new Ajv({ ...OPTIONS, meta: false, validateSchema: false }) : new Ajv2020({ ...OPTIONS, meta: false, validateSchema: false });
    compiler.compile(schema);
  } catch (e) {
    // Unresolvable $ref, invalid "pattern" regex, stack overflow on pathological input, ...
    throw fail(e instanceof Error ? e.message : String(e));
  }
  return schema as Record<string, unknown>;
}
