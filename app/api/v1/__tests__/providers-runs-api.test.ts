import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { setDatabase, type Database } from "@/db/client";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import { createApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { captureConsole } from "@/lib/runs/__tests__/helpers";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import * as promptsRoute from "../prompts/route";
import * as providerRoute from "../providers/[name]/route";
import * as providerTestRoute from "../providers/[name]/test/route";
import * as providersRoute from "../providers/route";
import * as runRoute from "../runs/[id]/route";
import * as runsRoute from "../runs/route";
import { apiRequest, routeParams } from "@/lib/test/api";

// The real route handlers with real Requests; the model calls go over HTTP to the fixture server.
let database: Database;
let fixture: FixtureModelServer;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  fixture = await startFixtureModelServer({ port: 0 });
});
afterAll(async () => {
  await fixture?.close();
  await database?.close();
});

const PROVIDER_KEY = "sk-fixture-REST-SECRET-0a1b2c3d4e5f";

const req = apiRequest;
const p = routeParams;

async function workspaceWithKeys() {
  const w = await makeWorkspace(database);
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes } })).key;
  return {
    ...w,
    admin: await key(["admin"]),
    runs: await key(["runs:write"]),
    read: await key(["prompts:read"]),
    write: await key(["prompts:read", "prompts:write", "labels:write"]),
  };
}

async function prompt(writeKey: string, content: string) {
  const slug = uniq("p");
  const res = await promptsRoute.POST(req("POST", "/prompts", writeKey, { slug, type: "text", content, message: "v1" }));
  expect(res.status).toBe(201);
  return slug;
}

describe(`providers REST (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("POST creates (201, masked), GET lists (admin scope), and the key never comes back", async () => {
    const w = await workspaceWithKeys();
    const logs = captureConsole();
    let res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: PROVIDER_KEY }));
    const createdText = await res.text();
    expect(res.status).toBe(201);
    const created = JSON.parse(createdText);
    expect(created).toMatchObject({ name: "fx", kind: "openai-compatible", baseUrl: fixture.url, hasApiKey: true, apiKeyHint: "••••4e5f" });
    expect(created).not.toHaveProperty("apiKey");
    expect(created).not.toHaveProperty("apiKeyEncrypted");

    res = await providersRoute.GET(req("GET", "/providers", w.admin));
    const listText = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(listText).providers).toEqual([expect.objectContaining({ name: "fx", apiKeyHint: "••••4e5f" })]);

    res = await providerRoute.GET(req("GET", "/providers/fx", w.admin), p({ name: "fx" }));
    const oneText = await res.text();
    logs.restore();
    for (const text of [createdText, listText, oneText, logs.output()]) expect(text).not.toContain(PROVIDER_KEY);
  });

  it("403 without the admin scope; 400 naming the reason for an SSRF base URL or bad input; 409 duplicate", async () => {
    const w = await workspaceWithKeys();
    let res = await providersRoute.POST(req("POST", "/providers", w.runs, { name: "x", kind: "openai", apiKey: PROVIDER_KEY }));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("(admin)") });
    res = await providersRoute.GET(req("GET", "/providers", w.read));
    expect(res.status).toBe(403);

    res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "lan", kind: "openai-compatible", baseUrl: "http://10.0.0.1/v1" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "invalid_input", message: "Base URL http://10.0.0.1/v1 resolves to a private address (10.0.0.1); an admin can allow private network endpoints in Settings." },
    });
    res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "meta", kind: "openai-compatible", baseUrl: "http://169.254.169.254" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/cloud metadata address/);
    res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "Nope!", kind: "openai", apiKey: PROVIDER_KEY }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^name: name must be 1-40 characters/);
    res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "oa", kind: "openai" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("apiKey is required for OpenAI connections.");
    await providersRoute.POST(req("POST", "/providers", w.admin, { name: "oa", kind: "openai", apiKey: PROVIDER_KEY }));
    res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "oa", kind: "openai", apiKey: PROVIDER_KEY }));
    expect(res.status).toBe(409);
  });

  it("PATCH requires the key again to move a keyed connection; test and DELETE work", async () => {
    const w = await workspaceWithKeys();
    await providersRoute.POST(req("POST", "/providers", w.admin, { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: PROVIDER_KEY }));
    let res = await providerRoute.PATCH(req("PATCH", "/providers/fx", w.admin, { baseUrl: "http://localhost:9999/v1" }), p({ name: "fx" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/requires entering its API key again/);

    res = await providerTestRoute.POST(req("POST", "/providers/fx/test", w.admin), p({ name: "fx" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected to /) });

    res = await providerRoute.DELETE(req("DELETE", "/providers/fx", w.admin), p({ name: "fx" }));
    expect(res.status).toBe(200);
    res = await providerRoute.GET(req("GET", "/providers/fx", w.admin), p({ name: "fx" }));
    expect(res.status).toBe(404);
  });
});

describe(`runs REST (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  async function ready() {
    const w = await workspaceWithKeys();
    const res = await providersRoute.POST(req("POST", "/providers", w.admin, { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: PROVIDER_KEY }));
    expect(res.status).toBe(201);
    return w;
  }

  it("POST /runs answers 200 with the stored generation: output, tokens, cost, latency", async () => {
    const w = await ready();
    const slug = await prompt(w.write, "Translate {{text}}");
    const logs = captureConsole();
    const res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "fx/gpt-4o-mini", variables: { text: "good morning" } }));
    const text = await res.text();
    logs.restore();
    expect(res.status).toBe(200);
    const run = JSON.parse(text);
    expect(run).toMatchObject({
      status: "success",
      error: null,
      output: "[gpt-4o-mini] echo: Translate good morning",
      model: "fx/gpt-4o-mini",
      prompt: slug,
      version: 1,
      inputTokens: 3,
      outputTokens: 5,
      schemaValid: null,
      source: "api",
    });
    expect(run.costUsd).toBe((3 / 1e6) * 0.15 + (5 / 1e6) * 0.6);
    expect(run.latencyMs).toBeGreaterThanOrEqual(0);
    expect(run.ttftMs).toBeGreaterThanOrEqual(0);
    expect(run.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).not.toContain(PROVIDER_KEY);
    expect(logs.output()).not.toContain(PROVIDER_KEY);

    let got = await runRoute.GET(req("GET", `/runs/${run.id}`, w.read), p({ id: run.id }));
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: run.id, output: run.output, version: 1 });
    got = await runsRoute.GET(req("GET", `/runs?prompt=${encodeURIComponent(slug)}`, w.read));
    expect((await got.json()).runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
  });

  it("400 missing variable, 404 unknown prompt, 403 without runs:write, 404 for another workspace's connection", async () => {
    const w = await ready();
    const other = await ready();
    const slug = await prompt(w.write, "Hello {{name}}");
    let res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "fx/echo", variables: {} }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_input", message: "Missing variable: name" } });
    res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: "no-such-prompt", version: 1, model: "fx/echo", variables: {} }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('Prompt "no-such-prompt" not found.');
    res = await runsRoute.POST(req("POST", "/runs", w.read, { prompt: slug, version: 1, model: "fx/echo", variables: { name: "A" } }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/lacks the scope needed to run prompts against models \(runs:write\)/);
    await providersRoute.POST(req("POST", "/providers", other.admin, { name: "theirs", kind: "openai-compatible", baseUrl: fixture.url }));
    res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "theirs/echo", variables: { name: "A" } }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('Connection "theirs" not found.');
    res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "echo", variables: { name: "A" } }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/model must be <connection>\/<model id>/);
    res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "fx/echo", variables: { name: "A" }, params: { temperature: 5 } }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/temperature must be between 0 and 2/);
  });

  it("a failed model call answers 502 with the error and the stored generation's id, never an empty 200", async () => {
    const w = await ready();
    const down = await startFixtureModelServer({ port: 0 });
    const downUrl = down.url;
    await down.close();
    await providersRoute.POST(req("POST", "/providers", w.admin, { name: "local", kind: "openai-compatible", baseUrl: downUrl }));
    const slug = await prompt(w.write, "ping");
    let res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "local/llama3", variables: {} }));
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "provider_error", kind: "unreachable", generationId: body.generation.id });
    expect(body.error.message).toBe(`Could not reach ${downUrl}: connection refused (3 attempts). The failed run is stored as generation ${body.generation.id}.`);
    expect(body.generation).toMatchObject({ status: "error", output: null, model: "local/llama3" });
    res = await runRoute.GET(req("GET", `/runs/${body.generation.id}`, w.read), p({ id: body.generation.id }));
    expect(await res.json()).toMatchObject({ status: "error", error: `Could not reach ${downUrl}: connection refused (3 attempts).` });

    res = await runsRoute.POST(req("POST", "/runs", w.runs, { prompt: slug, version: 1, model: "fx/missing-model", variables: {} }));
    expect(res.status).toBe(502);
    expect((await res.json()).error).toMatchObject({ kind: "model_not_found", message: expect.stringMatching(/^Model 'missing-model' not found on connection fx/) });
  });
});
