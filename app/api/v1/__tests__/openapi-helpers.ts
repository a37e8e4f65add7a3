import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

/* Shared by the API tests (not a test file itself): validates bodies against what the OpenAPI document publishes. */

const BASE = "https://promptyard.test/openapi.json";
const ptr = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** `validate(path, method, status, body)` -> a list of problems (empty when the body matches the published schema). */
export function publishedValidator(doc: { paths: unknown; components: unknown }) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat("date-time", { type: "string", validate: (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)) });
  ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addSchema({ $id: BASE, paths: doc.paths, components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  return (path: string, method: string, status: number, body: unknown): string[] => {
    const ref = `${BASE}#/paths/${ptr(path)}/${method}/responses/${status}/content/application~1json/schema`;
    let fn = cache.get(ref);
    if (!fn) cache.set(ref, (fn = ajv.compile({ $ref: ref })));
    return fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  };
}
