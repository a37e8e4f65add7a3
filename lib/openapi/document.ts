import { z } from "zod";
import { ApiError, type Operation } from "./operation";

/*
 * Builds the OpenAPI 3.1 document from the operations' zod schemas with zod's own JSON Schema output (draft
 * 2020-12, which is OpenAPI 3.1's schema dialect). Schemas named with `.meta({ id })` become
 * components/schemas entries; a request-side variant that differs (defaults make fields optional) gets "Input".
 */

type Json = Record<string, unknown>;
type Io = "input" | "output";

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  304: "Not modified",
  400: "Bad input: the message names the parameter or field.",
  401: "No API key, or an invalid or revoked one.",
  403: "The key (or the signed-in member) lacks the needed scope or role.",
  404: "Not found in this workspace.",
  409: "Conflicts with the current state.",
  413: "Request body too large.",
  429: "Too many concurrent requests; retry after the Retry-After header.",
  500: "Unexpected server error (logged).",
  502: "The model provider failed.",
};

class Components {
  readonly schemas: Record<string, Json> = {};

  /** The JSON Schema of `schema` as seen on the request (`input`) or response (`output`) side, with refs hoisted. */
  convert(schema: z.ZodType, io: Io): Json {
    const js = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", cycles: "ref", reused: "inline" }) as Json;
    delete js.$schema;
    const defs = (js.$defs ?? {}) as Record<string, Json>;
    delete js.$defs;
    // A def keeps its name unless a different schema already has it (the request side of a response schema).
    let names: Record<string, string> = Object.fromEntries(Object.keys(defs).map((n) => [n, n]));
    for (let round = 0; round < 3; round++) {
      const next: Record<string, string> = {};
      for (const [name, def] of Object.entries(defs)) {
        const existing = this.schemas[name];
        next[name] = !existing || sameJson(existing, rewriteRefs(def, names)) ? name : `${name}${io === "input" ? "Input" : "Output"}`;
      }
      if (sameJson(next, names)) break;
      names = next;
    }
    for (const [name, def] of Object.entries(defs)) this.schemas[names[name]!] = rewriteRefs(def, names) as Json;
    return rewriteRefs(js, names) as Json;
  }
}

function rewriteRefs(node: unknown, names: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, names));
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
      const name = v.slice("#/$defs/".length);
      out[k] = `#/components/schemas/${names[name] ?? name}`;
    } else out[k] = rewriteRefs(v, names);
  }
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function parameters(op: Operation, c: Components): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const js = c.convert(schema, "input");
    const required = new Set((js.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries((js.properties ?? {}) as Record<string, Json>)) {
      const { description, ...rest } = prop;
      out.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  return out;
}

function jsonContent(schema: Json) {
  return { "application/json": { schema } };
}

function headersOf(h: Record<string, string> | undefined) {
  return h ? Object.fromEntries(Object.entries(h).map(([name, description]) => [name, { description, schema: { type: "string" } }])) : undefined;
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

export function buildOpenApiDocument(ops: readonly Operation[], info: OpenApiInfo) {
  const c = new Components();
  const errorRef = c.convert(ApiError, "output");
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of ops) {
    const responses: Record<string, Json> = {
      [op.success.status]: { description: op.success.description, headers: headersOf(op.success.headers), content: jsonContent(c.convert(op.success.schema, "output")) },
    };
    for (const extra of op.extra ?? []) {
      responses[extra.status] = {
        description: extra.description,
        headers: headersOf(extra.headers),
        ...(extra.schema ? { content: jsonContent(c.convert(extra.schema, "output")) } : {}),
      };
    }
    for (const status of [...op.errors, 500]) {
      responses[status] ??= { description: STATUS_TEXT[status] ?? "Error", content: jsonContent(errorRef) };
    }
    for (const r of Object.values(responses)) if (r.headers === undefined) delete r.headers;
    const security = op.auth === "none" ? [] : op.auth === "apiKey" ? [{ apiKey: [] }] : [{ apiKey: [] }, { session: [] }];
    const description = [op.description, op.scope ? `Scope: \`${op.scope}\`.` : undefined].filter(Boolean).join("\n\n");
    const params = parameters(op, c);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(description ? { description } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? { requestBody: { required: !op.body.safeParse(undefined).success, content: jsonContent(c.convert(op.body, "input")) } }
        : {}),
      responses,
      security,
      ...(op.scope ? { "x-scope": op.scope } : {}),
    };
  }
  const tags = [...new Set(ops.map((o) => o.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/api/v1" }],
    tags,
    paths,
    components: {
      schemas: c.schemas,
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "pyk_...",
          description: "A workspace API key (Settings -> API keys), sent as `Authorization: Bearer pyk_...`. Its scopes decide what it may do.",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The app's signed-in session (review endpoints: a verdict belongs to a person).",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
