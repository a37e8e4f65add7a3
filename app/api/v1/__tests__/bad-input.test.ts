import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import * as historyRoute from "../prompts/[slug]/labels/[label]/history/route";
import * as labelRoute from "../prompts/[slug]/labels/[label]/route";
import * as renderRoute from "../prompts/[slug]/render/route";
import * as promptRoute from "../prompts/[slug]/route";
import * as versionsRoute from "../prompts/[slug]/versions/route";
import * as promptsRoute from "../prompts/route";
import * as providersRoute from "../providers/route";
import * as providerRoute from "../providers/[name]/route";
import * as runsRoute from "../runs/route";
import { apiRequest, routeParams } from "@/lib/test/api";

// Hostile but well-formed requests: each is a 400 whose message names the parameter, never a 500 or an unbounded
// list, and nothing that was saved changes.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(() => database?.close());

const req = apiRequest;
const p = routeParams;

async function expect400(res: Response, names: string) {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  const body = JSON.parse(text);
  expect(body.error.code).toBe("invalid_input");
  expect(body.error.message, `message should name ${names}`).toContain(names);
}

describe(`bad input is a 400 naming the parameter (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  let key: string;
  let slug: string;
  let enc: string;
  async function snapshot() {
    const versions = await (await versionsRoute.GET(req("GET", `/prompts/${enc}/versions`, key), p({ slug: enc }))).json();
    const served = await (await promptRoute.GET(req("GET", `/prompts/${enc}`, key), p({ slug: enc }))).json();
    const history = await (await historyRoute.GET(req("GET", `/prompts/${enc}/labels/production/history`, key), p({ slug: enc, label: "production" }))).json();
    const providers = await (await providersRoute.GET(req("GET", "/providers", key))).json();
    return { versions, served, history, providers };
  }

  beforeAll(async () => {
    const w = await makeWorkspace(database);
    key = (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes: ["admin"] } })).key;
    slug = `bad/${uniq("p")}`;
    enc = encodeURIComponent(slug);
    expect((await promptsRoute.POST(req("POST", "/prompts", key, { slug, type: "text", content: "Hi {{name}}", message: "v1" }))).status).toBe(201);
    expect((await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, key, { version: 1, reason: "ship" }), p({ slug: enc, label: "production" }))).status).toBe(200);
    expect((await providersRoute.POST(req("POST", "/providers", key, { name: "fx", kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1" }))).status).toBe(201);
  });

  it("numbers in query strings: non-numeric, fractional, exponent, Infinity, negative, above int4 or the page maximum", async () => {
    const before = await snapshot();
    for (const v of ["abc", "1.5", "1e21", "Infinity", "-1", "0", "201", "999999999999999999999999", "", " 5", "0x10"]) {
      await expect400(await promptsRoute.GET(req("GET", `/prompts?limit=${encodeURIComponent(v)}`, key)), "limit");
      await expect400(await runsRoute.GET(req("GET", `/runs?limit=${encodeURIComponent(v)}`, key)), "limit");
    }
    for (const v of ["-1", "1.5", "1e21", "Infinity", "abc", "2147483648"]) {
      await expect400(await promptsRoute.GET(req("GET", `/prompts?offset=${v}`, key)), "offset");
      await expect400(await versionsRoute.GET(req("GET", `/prompts/${enc}/versions?offset=${v}`, key), p({ slug: enc })), "offset");
    }
    await expect400(await versionsRoute.GET(req("GET", `/prompts/${enc}/versions?limit=501`, key), p({ slug: enc })), "limit");
    await expect400(await historyRoute.GET(req("GET", `/prompts/${enc}/labels/production/history?limit=1e21`, key), p({ slug: enc, label: "production" })), "limit");
    for (const v of ["999999999999999999999999", "2147483648", "1.5", "-1", "0", "Infinity", "abc"]) {
      await expect400(await promptRoute.GET(req("GET", `/prompts/${enc}?version=${v}`, key), p({ slug: enc })), "version");
    }
    // The largest int4 is a valid number (and simply not a version that exists).
    expect((await promptRoute.GET(req("GET", `/prompts/${enc}?version=2147483647`, key), p({ slug: enc }))).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("dates: year 0, impossible dates and no time zone are 400s naming `at`", async () => {
    for (const at of ["0000-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-03-15T14:47:00", "yesterday", "+275760-09-13T00:00:00Z"]) {
      await expect400(await promptRoute.GET(req("GET", `/prompts/${enc}?label=production&at=${encodeURIComponent(at)}`, key), p({ slug: enc })), "at");
      await expect400(await renderRoute.POST(req("POST", `/prompts/${enc}/render`, key, { label: "production", at, variables: { name: "A" } }), p({ slug: enc })), "at");
    }
    expect((await promptRoute.GET(req("GET", `/prompts/${enc}?label=production&at=${encodeURIComponent(new Date().toISOString())}`, key), p({ slug: enc }))).status).toBe(200);
  });

  it("versions above int4 in JSON bodies: render, PUT label, POST runs", async () => {
    const before = await snapshot();
    for (const version of ["999999999999999999999999", "2147483648", "1e21", "1.5", "-3"]) {
      const raw = (extra: string) => `{"version": ${version}${extra}}`;
      await expect400(await renderRoute.POST(req("POST", `/prompts/${enc}/render`, key, raw(`, "variables": {"name": "A"}`)), p({ slug: enc })), "version");
      await expect400(await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, key, raw(`, "reason": "x"`)), p({ slug: enc, label: "production" })), "version");
      await expect400(await runsRoute.POST(req("POST", "/runs", key, raw(`, "prompt": "${slug}", "model": "fx/m", "variables": {}`))), "version");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("NUL and lone surrogates in path, query and body are 400s naming the field; nothing is saved", async () => {
    const before = await snapshot();
    await expect400(await promptRoute.GET(req("GET", "/prompts/%00", key), p({ slug: "%00" })), "slug");
    await expect400(await promptRoute.GET(req("GET", "/prompts/x", key), p({ slug: "a\ud800b" })), "slug");
    await expect400(await promptRoute.GET(req("GET", `/prompts/${enc}?label=%00`, key), p({ slug: enc })), "label");
    await expect400(await promptsRoute.GET(req("GET", "/prompts?search=a%00b", key)), "search");
    await expect400(await runsRoute.GET(req("GET", "/runs?prompt=%00", key)), "prompt");
    await expect400(await historyRoute.GET(req("GET", "/x", key), p({ slug: enc, label: "prod\u0000" })), "label");
    await expect400(await providerRoute.GET(req("GET", "/providers/%00", key), p({ name: "%00" })), "name");

    for (const bad of ["a\u0000b", "a\ud800b", "\udc00"]) {
      await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: bad, message: "m" }), p({ slug: enc })), "content");
      await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: "ok", message: bad }), p({ slug: enc })), "message");
      await expect400(await promptsRoute.POST(req("POST", "/prompts", key, { slug: uniq("n"), type: "chat", content: [{ role: "user", content: bad }], message: "m" })), "content.0.content");
      await expect400(await renderRoute.POST(req("POST", `/prompts/${enc}/render`, key, { variables: { name: bad } }), p({ slug: enc })), "variables.name");
      await expect400(await providersRoute.POST(req("POST", "/providers", key, { name: uniq("c").slice(0, 12), kind: "openai", apiKey: bad })), "apiKey");
      await expect400(await providerRoute.PATCH(req("PATCH", "/providers/fx", key, { apiKey: bad }), p({ name: "fx" })), "apiKey");
      await expect400(await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, key, { version: 1, reason: bad }), p({ slug: enc, label: "production" })), "reason");
      await expect400(await runsRoute.POST(req("POST", "/runs", key, { prompt: slug, model: "fx/m", variables: { nested: [{ deep: bad }] } })), "variables.nested.0.deep");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("content and config are typed: wrong shapes and unknown config keys are 400s naming them", async () => {
    const before = await snapshot();
    await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: 42, message: "m" }), p({ slug: enc })), "content");
    await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: [{ role: "robot", content: "x" }], message: "m" }), p({ slug: enc })), "content");
    await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: "x", config: { temprature: 1 }, message: "m" }), p({ slug: enc })), "temprature");
    await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: "x", config: { temperature: "hot" }, message: "m" }), p({ slug: enc })), "config.temperature");
    await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: "x", config: "gpt-4o", message: "m" }), p({ slug: enc })), "config");
    await expect400(await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, key, { content: "x".repeat(210 * 1024), message: "m" }), p({ slug: enc })), "content");
    expect(await snapshot()).toEqual(before);
  });
});
