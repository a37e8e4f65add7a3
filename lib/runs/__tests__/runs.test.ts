import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { generations, reviews } from "@/db/schema";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import type { WorkspaceCtx } from "@/lib/context";
import { setModelPrice } from "@/lib/models";
import { commitVersion } from "@/lib/prompts";
import { createProvider, updateModelSettings, type Resolver } from "@/lib/providers";
import { getRun, InProcessRunLimiter, listRuns, rateGeneration, runPrompt, stripJsonFence, type RunOptions } from "@/lib/runs";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError, expectZodError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { captureConsole, chatPrompt, textPrompt } from "./helpers";

// The real AI SDK over real HTTP against the fixture model server: only the remote model is a stand-in.
let database: Database;
let fixture: FixtureModelServer;
beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await startFixtureModelServer({ port: 0 });
});
afterAll(async () => {
  await fixture?.close();
  await database?.close();
});
beforeEach(() => fixture.reset());

const FIXTURE_KEY = "fixture-key-SECRET-5a6b7c8d9e";
const FAST: RunOptions = { retry: { baseDelayMs: 10 } };

async function setup() {
  const w = await makeWorkspace(database);
  await createProvider({ ctx: w.ctx, input: { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: FIXTURE_KEY } });
  return w;
}

const requestsFor = (model: string) => fixture.requests.filter((r) => r.model === model);
const rowsOf = (ctx: WorkspaceCtx) => database.db.select().from(generations).where(eq(generations.workspaceId, ctx.workspace.id));

describe(`runPrompt against the fixture server (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("streams through the SDK, records usage from the stream, computes cost from the price table, stores one generation", async () => {
    const { ctx } = await setup();
    await setModelPrice({ ctx, input: { model: "echo", inputPerMillion: 2.5, outputPerMillion: 10 } });
    const slug = await textPrompt(ctx, "Say hello to {{name}}");
    const deltas: string[] = [];
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { name: "Ada" } }, onDelta: (d) => deltas.push(d), options: FAST });

    expect(run).toMatchObject({ status: "success", error: null, output: "[echo] echo: Say hello to Ada", errorKind: null, attempts: 1, modelRef: "fx/echo", versionNumber: 1, promptSlug: slug });
    // The fixture counts words: "Say hello to Ada" = 4 in, "[echo] echo: Say hello to Ada" = 6 out.
    expect(run.inputTokens).toBe(4);
    expect(run.outputTokens).toBe(6);
    expect(run.costUsd).toBe((4 / 1e6) * 2.5 + (6 / 1e6) * 10);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(run.output);
    expect(run.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(run.timeToFirstTokenMs!).toBeLessThanOrEqual(run.latencyMs!);
    expect(run.schemaValid).toBeNull();

    const rows = await rowsOf(ctx);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: run.id,
      provider: "openai-compatible",
      model: "echo",
      source: "playground",
      isDraft: false,
      input: [{ role: "user", content: "Say hello to Ada" }],
      variables: { name: "Ada" },
      inputTokens: 4,
      outputTokens: 6,
      status: "success",
    });
    expect(rows[0]!.promptVersionId).not.toBeNull();
    expect(rows[0]!.userId).toBe(ctx.actor.kind === "user" ? ctx.actor.userId : null);

    const [req] = requestsFor("echo");
    expect(req).toMatchObject({ stream: true, status: 200 });
    expect(req!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("works the same through @ai-sdk/openai (an openai connection pointed at a compatible server)", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "oa", kind: "openai", baseUrl: fixture.url, apiKey: FIXTURE_KEY } });
    const slug = await textPrompt(ctx, "one two three");
    const run = await runPrompt({ ctx, input: { prompt: slug, label: "latest", model: "oa/gpt-4o-mini", variables: {} }, options: FAST });
    expect(run).toMatchObject({ status: "success", output: "[gpt-4o-mini] echo: one two three", inputTokens: 3, outputTokens: 5, provider: "openai" });
    // Shipped list price for gpt-4o-mini: 0.15 / 0.60 per 1M.
    expect(run.costUsd).toBe((3 / 1e6) * 0.15 + (5 / 1e6) * 0.6);
  });

  it("sends chat messages and params (version config overridden per run); unknown model price -> cost null", async () => {
    const { ctx } = await setup();
    const slug = await chatPrompt(
      ctx,
      [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Summarize {{topic}}" },
      ],
      { temperature: 0.2, maxTokens: 50, topP: 0.9 },
    );
    const run = await runPrompt({
      ctx,
      input: { prompt: slug, version: 1, model: "fx/echo-unpriced", variables: { topic: "tides" }, params: { temperature: 0.7, stop: ["END"] } },
      options: FAST,
    });
    expect(run).toMatchObject({ status: "success", output: "[echo-unpriced] echo: Summarize tides", inputTokens: 5, outputTokens: 4, costUsd: null });
    expect(run.params).toEqual({ temperature: 0.7, maxTokens: 50, topP: 0.9, stop: ["END"] });
    expect(run.input).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Summarize tides" },
    ]);
    expect(requestsFor("echo-unpriced")[0]!.body).toMatchObject({ temperature: 0.7, max_tokens: 50, top_p: 0.9, stop: ["END"] });
  });

  it("retries a 429 and succeeds (2 attempts), honouring Retry-After", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "retry {{n}}");
    fixture.setBehavior({ retryAfterSeconds: 0.3 });
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-429-once", variables: { n: uniq() } }, options: FAST });
    expect(run).toMatchObject({ status: "success", attempts: 2 });
    expect(requestsFor("fail-429-once").map((r) => r.status)).toEqual([429, 200]);
    expect(run.latencyMs!).toBeGreaterThanOrEqual(290);
    expect(await rowsOf(ctx)).toHaveLength(1);
  });

  it("gives up after 3 attempts on persistent 429 and 500, and at once when Retry-After is beyond the cap", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "limits");
    const limited = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-429", variables: {} }, options: FAST });
    expect(limited).toMatchObject({ status: "error", errorKind: "rate_limited", attempts: 3, output: null, inputTokens: null, costUsd: null });
    expect(limited.error).toMatch(/^Connection fx was rate limited by the provider after 3 attempts \(Rate limit reached/);
    expect(requestsFor("fail-429")).toHaveLength(3);

    const failing = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-500", variables: {} }, options: FAST });
    expect(failing).toMatchObject({ status: "error", errorKind: "provider_error", attempts: 3 });
    expect(failing.error).toBe("The provider of connection fx failed with HTTP 500 after 3 attempts: The server had an error while processing your request.");

    fixture.reset();
    fixture.setBehavior({ retryAfterSeconds: 60 });
    const started = Date.now();
    const patient = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-429", variables: {} }, options: FAST });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(patient).toMatchObject({ status: "error", errorKind: "rate_limited", attempts: 1 });
    expect(patient.error).toMatch(/it asks to wait 60 s/);
    expect((await rowsOf(ctx)).map((r) => r.status)).toEqual(["error", "error", "error"]);
  });

  it("times out with a clear message within the configured timeout, and does not retry a timeout", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "are you there");
    const started = Date.now();
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/timeout", variables: {} }, options: { ...FAST, timeoutMs: 300 } });
    const elapsed = Date.now() - started;
    expect(run).toMatchObject({ status: "error", errorKind: "timeout", error: "No response from fx/timeout within 0.3 s.", attempts: 1 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    expect(requestsFor("timeout")).toHaveLength(1);

    // Slow but within the timeout is fine, and TTFT shows the wait.
    const slow = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-200ms", variables: {} }, options: { ...FAST, timeoutMs: 1000 } });
    expect(slow.status).toBe("success");
    expect(slow.timeToFirstTokenMs!).toBeGreaterThanOrEqual(190);
  });

  it("a server that is down gives 'could not reach' and a stored error generation, never an empty success", async () => {
    const { ctx } = await makeWorkspace(database);
    const down = await startFixtureModelServer({ port: 0 });
    const downUrl = down.url;
    await down.close();
    await createProvider({ ctx, input: { name: "local", kind: "openai-compatible", baseUrl: downUrl } });
    const slug = await textPrompt(ctx, "hello");
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "local/llama3", variables: {} }, options: FAST });
    expect(run).toMatchObject({ status: "error", errorKind: "unreachable", output: null, attempts: 3 });
    expect(run.error).toBe(`Could not reach ${downUrl}: connection refused (3 attempts).`);
    const [row] = await rowsOf(ctx);
    expect(row).toMatchObject({ status: "error", error: run.error, output: null });
  });

  it("names a missing model and a rejected key", async () => {
    const { ctx } = await setup();
    await createProvider({ ctx, input: { name: "badkey", kind: "openai-compatible", baseUrl: fixture.url, apiKey: "bad" } });
    const slug = await textPrompt(ctx, "hi");
    const missing = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/missing-model", variables: {} }, options: FAST });
    expect(missing).toMatchObject({ status: "error", errorKind: "model_not_found", attempts: 1 });
    expect(missing.error).toMatch(/^Model 'missing-model' not found on connection fx \(The model `missing-model` does not exist/);
    const rejected = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "badkey/echo", variables: {} }, options: FAST });
    expect(rejected).toMatchObject({ status: "error", errorKind: "auth", attempts: 1 });
    expect(rejected.error).toMatch(/^The provider rejected the API key of connection badkey \(HTTP 401/);
  });

  it("checks the output against the version's response schema: true, false, or null without one", async () => {
    const { ctx } = await setup();
    const messages = [
      { role: "system" as const, content: "Reply in JSON." },
      { role: "user" as const, content: "{{q}}" },
    ];
    const schema = (required: string) => ({ type: "object", required: [required], properties: { [required]: { type: "string" } } });
    const slug = await chatPrompt(ctx, messages, { responseSchema: schema("echo") });
    await commitVersion({ ctx, input: { slug, content: messages, config: { responseSchema: schema("sentiment") }, message: "v2" } });
    const ok = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { q: "is this json" } }, options: FAST });
    expect(JSON.parse(ok.output!)).toEqual({ model: "echo", echo: "is this json", words: 3 });
    expect(ok.schemaValid).toBe(true);
    const bad = await runPrompt({ ctx, input: { prompt: slug, version: 2, model: "fx/echo", variables: { q: "is this json" } }, options: FAST });
    expect(bad.schemaValid).toBe(false);
    // Not JSON at all: false.
    const text = await runPrompt({ ctx, input: { prompt: slug, draft: { content: [{ role: "user", content: "{{q}}" }], config: { responseSchema: schema("echo") } }, model: "fx/echo", variables: { q: "plain" } }, options: FAST });
    expect(text.schemaValid).toBe(false);
    expect(stripJsonFence('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripJsonFence("  {\"a\":1} ")).toBe('{"a":1}');
  });

  it("runs unsaved draft content (no version) and validates it", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "committed {{x}}");
    const run = await runPrompt({ ctx, input: { prompt: slug, draft: { content: "draft {{x}}" }, model: "fx/echo", variables: { x: "1" } }, options: FAST });
    expect(run).toMatchObject({ status: "success", isDraft: true, promptVersionId: null, versionNumber: null, output: "[echo] echo: draft 1" });
    await expectAppError(runPrompt({ ctx, input: { prompt: slug, draft: { content: [{ role: "user", content: "x" }] }, model: "fx/echo", variables: {} } }), "invalid_input", /^draft\.content: A text prompt's content must be a string/);
    await expectAppError(runPrompt({ ctx, input: { prompt: slug, draft: { content: "x", config: { temprature: 1 } }, model: "fx/echo", variables: {} } }), "invalid_input", /Unknown config key: temprature/);
  });

  it("request problems are typed errors raised before any call or row: missing variable, unknown prompt/connection/label", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "Hi {{name}} from {{place}}");
    await expectAppError(runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { name: "A" } } }), "invalid_input", "Missing variable: place");
    await expectAppError(runPrompt({ ctx, input: { prompt: "nope", version: 1, model: "fx/echo", variables: {} } }), "not_found", 'Prompt "nope" not found.');
    await expectAppError(runPrompt({ ctx, input: { prompt: slug, version: 9, model: "fx/echo", variables: {} } }), "not_found", /Version 9/);
    await expectAppError(runPrompt({ ctx, input: { prompt: slug, model: "fx/echo", variables: { name: "A", place: "B" } } }), "not_found", /Label "production" of prompt .* points at no version yet/);
    await expectAppError(runPrompt({ ctx, input: { prompt: slug, version: 1, model: "nope/echo", variables: { name: "A", place: "B" } } }), "not_found", 'Connection "nope" not found.');
    await expectZodError(runPrompt({ ctx, input: { prompt: slug, version: 1, model: "gpt-4o", variables: {} } }), /model must be <connection>\/<model id>/);
    await expectZodError(runPrompt({ ctx, input: { prompt: slug, version: 1, label: "latest", model: "fx/echo", variables: {} } }), /at most one of label, version or draft/);
    await expectZodError(runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: {}, params: { temp: 1 } as never } }), /Unknown param: temp/);
    expect(await rowsOf(ctx)).toHaveLength(0);
    expect(fixture.requests).toHaveLength(0);
  });

  it("re-checks the base URL at call time: a connection that is now private-and-disallowed is refused, stored as an error", async () => {
    const { ctx } = await makeWorkspace(database);
    const resolver: Resolver = async () => ["10.1.2.3"];
    await updateModelSettings({ ctx, input: { allowPrivateEndpoints: true } });
    await createProvider({ ctx, input: { name: "lan", kind: "openai-compatible", baseUrl: "http://gpu-box.test:8000/v1" }, resolver });
    await updateModelSettings({ ctx, input: { allowPrivateEndpoints: false } });
    const slug = await textPrompt(ctx, "hello");
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "lan/llama", variables: {} }, options: { ...FAST, resolver } });
    expect(run).toMatchObject({ status: "error", errorKind: "blocked_url", attempts: 1 });
    expect(run.error).toBe("Base URL http://gpu-box.test:8000/v1 resolves to a private address (10.1.2.3); an admin can allow private network endpoints in Settings.");
  });

  it("a caller's abort cancels the call and is stored as cancelled", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "long one");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-3000ms", variables: {}, signal: controller.signal }, options: FAST });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(run).toMatchObject({ status: "error", errorKind: "cancelled", error: "The run was cancelled." });
  });
});

describe("per-workspace concurrency limit", () => {
  it("with max 1, two runs do not overlap at the provider; with max 2 they do", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "wait {{n}}");
    const limiter = new InProcessRunLimiter();
    const run = (n: string) => runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-200ms", variables: { n } }, options: { ...FAST, limiter } });

    await updateModelSettings({ ctx, input: { maxConcurrentRuns: 1 } });
    const started = Date.now();
    const [a, b] = await Promise.all([run("a"), run("b")]);
    expect([a.status, b.status]).toEqual(["success", "success"]);
    expect(fixture.stats().maxInFlight).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(limiter.active(ctx.workspace.id)).toBe(0);

    fixture.reset();
    await updateModelSettings({ ctx, input: { maxConcurrentRuns: 2 } });
    await Promise.all([run("c"), run("d")]);
    expect(fixture.stats().maxInFlight).toBe(2);
  });

  it("when the queue wait runs out the caller gets 429 with Retry-After, and nothing is stored for it", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "busy {{n}}");
    await updateModelSettings({ ctx, input: { maxConcurrentRuns: 1 } });
    const limiter = new InProcessRunLimiter();
    const first = runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-400ms", variables: { n: "1" } }, options: { limiter } });
    await new Promise((r) => setTimeout(r, 50));
    const err = await expectAppError(
      runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { n: "2" } }, options: { limiter, queueWaitMs: 100 } }),
      "rate_limited",
      /already running 1 model call at once, its limit/,
    );
    expect(err.retryAfterSeconds).toBe(1);
    expect((await first).status).toBe("success");
    expect(await rowsOf(ctx)).toHaveLength(1);
  });

  it("the limit is per workspace", async () => {
    const a = await setup();
    const b = await setup();
    await updateModelSettings({ ctx: a.ctx, input: { maxConcurrentRuns: 1 } });
    await updateModelSettings({ ctx: b.ctx, input: { maxConcurrentRuns: 1 } });
    const limiter = new InProcessRunLimiter();
    const slugA = await textPrompt(a.ctx, "a");
    const slugB = await textPrompt(b.ctx, "b");
    await Promise.all([
      runPrompt({ ctx: a.ctx, input: { prompt: slugA, version: 1, model: "fx/echo-slow-200ms", variables: {} }, options: { limiter } }),
      runPrompt({ ctx: b.ctx, input: { prompt: slugB, version: 1, model: "fx/echo-slow-200ms", variables: {} }, options: { limiter } }),
    ]);
    expect(fixture.stats().maxInFlight).toBe(2);
  });
});

describe("secrets, roles, tenancy, listing and rating", () => {
  it("the provider key never appears in results, stored rows or console output", async () => {
    const logs = captureConsole();
    try {
      const { ctx } = await setup();
      const slug = await textPrompt(ctx, "secret check {{v}}");
      const ok = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { v: "1" } }, options: FAST });
      const failed = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-500", variables: { v: "2" } }, options: FAST });
      const listed = await listRuns({ ctx, input: {} });
      const rows = await rowsOf(ctx);
      for (const blob of [ok, failed, listed, rows]) expect(JSON.stringify(blob)).not.toContain(FIXTURE_KEY);
      // It did go to the provider, in the Authorization header only.
      expect(fixture.requests.length).toBeGreaterThan(0);
    } finally {
      logs.restore();
    }
    expect(logs.output()).not.toContain(FIXTURE_KEY);
  });

  it("viewers and reviewers cannot run; editors can; another workspace's connection is not found", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "roles");
    const viewer = await addMember(database, ctx, "viewer");
    const reviewer = await addMember(database, ctx, "reviewer");
    const editor = await addMember(database, ctx, "editor");
    const input = { prompt: slug, version: 1, model: "fx/echo", variables: {} };
    await expectAppError(runPrompt({ ctx: viewer.ctx, input }), "forbidden", "Your role (viewer) cannot run prompts against models; it needs editor or higher.");
    await expectAppError(runPrompt({ ctx: reviewer.ctx, input }), "forbidden");
    expect((await runPrompt({ ctx: editor.ctx, input, options: FAST })).status).toBe("success");

    const other = await makeWorkspace(database);
    await createProvider({ ctx: other.ctx, input: { name: "theirs", kind: "openai-compatible", baseUrl: fixture.url } });
    await expectAppError(runPrompt({ ctx, input: { ...input, model: "theirs/echo" } }), "not_found", 'Connection "theirs" not found.');
    // And their prompt is not found either.
    const theirSlug = await textPrompt(other.ctx, "theirs");
    await expectAppError(runPrompt({ ctx, input: { ...input, prompt: theirSlug } }), "not_found");
  });

  it("lists runs newest first with version numbers, pages with a cursor, filters by prompt; getRun is tenant-scoped", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "list {{i}}");
    await commitVersion({ ctx, input: { slug, content: "list v2 {{i}}", message: "v2" } });
    const otherSlug = await textPrompt(ctx, "other");
    const ids: string[] = [];
    for (const [i, version] of [[1, 1], [2, 2], [3, 2]] as const) {
      ids.push((await runPrompt({ ctx, input: { prompt: slug, version, model: "fx/echo", variables: { i } }, options: FAST })).id);
    }
    await runPrompt({ ctx, input: { prompt: otherSlug, version: 1, model: "fx/echo", variables: {} }, options: FAST });

    const page1 = await listRuns({ ctx, input: { promptSlug: slug, limit: 2 } });
    expect(page1.runs.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page1.runs.map((r) => r.versionNumber)).toEqual([2, 2]);
    expect(page1.runs[0]).toMatchObject({ promptSlug: slug, connectionName: "fx" });
    const page2 = await listRuns({ ctx, input: { promptSlug: slug, limit: 2, cursor: page1.nextCursor! } });
    expect(page2.runs.map((r) => r.id)).toEqual([ids[0]]);
    expect(page2.runs[0]!.versionNumber).toBe(1);
    expect(page2.nextCursor).toBeNull();
    expect((await listRuns({ ctx, input: {} })).runs).toHaveLength(4);
    await expectAppError(listRuns({ ctx, input: { cursor: "garbage" } }), "invalid_input", /cursor/);

    const viewer = await addMember(database, ctx, "viewer");
    expect((await getRun({ ctx: viewer.ctx, input: { id: ids[0]! } })).id).toBe(ids[0]);
    const other = await makeWorkspace(database);
    await expectAppError(getRun({ ctx: other.ctx, input: { id: ids[0]! } }), "not_found", "Run not found.");
    await expectAppError(getRun({ ctx, input: { id: "not-a-uuid" } }), "not_found");
  });

  it("rates a run (reviewer and up, one verdict per person, null takes it back); viewers cannot", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "rate me");
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: {} }, options: FAST });
    const reviewer = await addMember(database, ctx, "reviewer");
    const viewer = await addMember(database, ctx, "viewer");

    expect(await rateGeneration({ ctx: reviewer.ctx, input: { generationId: run.id, verdict: "up" } })).toEqual({ generationId: run.id, verdict: "up" });
    await rateGeneration({ ctx: reviewer.ctx, input: { generationId: run.id, verdict: "down" } });
    await rateGeneration({ ctx, input: { generationId: run.id, verdict: "up" } });
    const rows = await database.db.select().from(reviews).where(eq(reviews.generationId, run.id));
    expect(rows.map((r) => [r.reviewerId, r.verdict, r.source]).sort()).toEqual(
      [
        [reviewer.user.id, "down", "playground"],
        [ctx.actor.kind === "user" ? ctx.actor.userId : "", "up", "playground"],
      ].sort(),
    );
    expect((await getRun({ ctx: reviewer.ctx, input: { id: run.id } })).myVerdict).toBe("down");
    await rateGeneration({ ctx: reviewer.ctx, input: { generationId: run.id, verdict: null } });
    expect((await getRun({ ctx: reviewer.ctx, input: { id: run.id } })).myVerdict).toBeNull();

    await expectAppError(rateGeneration({ ctx: viewer.ctx, input: { generationId: run.id, verdict: "up" } }), "forbidden", /Your role \(viewer\) cannot rate outputs; it needs reviewer or higher/);
    const other = await makeWorkspace(database);
    await expectAppError(rateGeneration({ ctx: other.ctx, input: { generationId: run.id, verdict: "up" } }), "not_found");
  });
});
