import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it, vi } from "vitest";
import { openApiDocument, OPERATIONS } from "@/lib/openapi";

// Route modules are imported to read their exported methods; the review routes import the session helper.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));

const V1 = join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Route files under app/api/v1 as OpenAPI paths: prompts/[slug]/route.ts -> /prompts/{slug}. */
function routeFiles(dir = V1): { file: string; path: string }[] {
  const out: { file: string; path: string }[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "__tests__") out.push(...routeFiles(full));
    } else if (name === "route.ts") {
      const rel = relative(V1, dir).split(sep).filter(Boolean);
      if (rel.some((s) => s.startsWith("[..."))) continue; // the catch-all 404 for unknown paths
      out.push({ file: relative(process.cwd(), full), path: "/" + rel.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/") });
    }
  }
  return out;
}

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument() as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("the validator is not a rubber stamp", async () => {
    const broken = structuredClone(openApiDocument()) as unknown as { info: { title?: string }; paths: Record<string, Record<string, { parameters?: { in: string }[] }>> };
    delete broken.info.title;
    expect((await new Validator().validate(broken)).valid).toBe(false);
    const badParam = structuredClone(openApiDocument()) as unknown as typeof broken;
    badParam.paths["/prompts/{slug}"]!.get!.parameters![0]!.in = "body";
    expect((await new Validator().validate(badParam)).valid).toBe(false);
  });

  it("documents every route file and method under app/api/v1, and nothing that is not there", async () => {
    const doc = openApiDocument();
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(15);
    const routed = new Set<string>();
    for (const { file, path } of files) {
      const mod = (await import(/* @vite-ignore */ join(process.cwd(), file))) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      expect(exported.length, `${file} exports no handler`).toBeGreaterThan(0);
      for (const m of exported) {
        routed.add(`${m.toLowerCase()} ${path}`);
        expect((doc.paths as Record<string, Record<string, unknown>>)[path]?.[m.toLowerCase()], `${m} ${path} (${file}) is missing from the document`).toBeDefined();
      }
    }
    const documented = OPERATIONS.map((o) => `${o.method} ${o.path}`);
    expect(documented.filter((d) => !routed.has(d))).toEqual([]);
    expect(new Set(OPERATIONS.map((o) => o.operationId)).size).toBe(OPERATIONS.length);
  });

  it("says how to authenticate and how errors look, on every operation", () => {
    const doc = openApiDocument();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
    for (const op of OPERATIONS) {
      const d = (doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; security: unknown[] }>>)[op.path]![op.method]!;
      expect(Object.keys(d.responses)).toEqual(expect.arrayContaining([String(op.success.status), ...op.errors.map(String)]));
      expect(d.security.length > 0).toBe(op.auth !== "none");
    }
  });
});
