import "server-only";
import Ajv, { type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";

/*
 * Does a model's output match the version's response schema? Same dialect rules as validateResponseSchema
 * (2020-12 by default, draft-07 when declared). Compiled validators are cached by schema text: versions are immutable,
 * so the same few schemas repeat.
 */
const OPTIONS = { strict: false, validateFormats: false, logger: false } as const;
const CACHE_MAX = 200;
const cache = new Map<string, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = cache.get(key);
  if (!validate) {
    const draft07 = typeof schema.$schema === "string" && schema.$schema.startsWith("http://json-schema.org/draft-07/schema");
    // A fresh instance per schema: compiling registers its $id, and two versions may reuse one $id.
    validate = (draft07 ? new Ajv(OPTIONS) : new Ajv2020(OPTIONS)).compile(schema);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, validate);
  }
  return validate;
}

/** Models like to wrap JSON in a ```json fence even when asked not to. */
export function stripJsonFence(text: string): string {
  const m = /^\s*```(?:json|JSON)?\s*\n?([\s\S]*?)\n?\s*```\s*$/.exec(text);
  return (m ? m[1]! : text).trim();
}

/** true/false: the output parses as JSON and matches; an unusable schema counts as not matching. */
export function outputMatchesSchema(output: string, schema: Record<string, unknown>): boolean {
  let value: unknown;
  try {
    value = JSON.parse(stripJsonFence(output));
  } catch {
    return false;
  }
  try {
    return validatorFor(schema)(value) === true;
  } catch {
    return false;
  }
}
