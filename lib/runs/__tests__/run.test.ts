import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { setModelPrice } from "@/lib/models";
import { commitVersion } from "@/lib/prompts";
import { createProvider, updateModelSettings, type Resolver } from "@/lib/providers";
import { runPrompt, stripJsonFence } from "@/lib/runs";
import { uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError, expectZodError } from "@/lib/test/expect";
import { makeWorkspace } from "@/lib/test/factories";
import { chatPrompt, textPrompt } from "./helpers";
import { startFixtureModelServer } from "@/e2e/fixtures/model-server";
import { useRunsHarness, database, fixture, FIXTURE_KEY, FAST, setup, requestsFor, rowsOf, waitFor } from "./harness";

useRunsHarness();

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
    // The retry waited for Retry-After (300 ms), not the 10 ms backoff: measured by the fixture's own arrival clock, a
    // lower bound that a slow machine can only make larger.
    const [first, second] = requestsFor("fail-429-once");
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(300);
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
    const patient = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-429", variables: {} }, options: FAST });
    // At once: one request, no retry (a wait of 60 s would have sent a second one).
    expect(patient).toMatchObject({ status: "error", errorKind: "rate_limited", attempts: 1 });
    expect(requestsFor("fail-429")).toHaveLength(1);
    expect(patient.error).toMatch(/it asks to wait 60 s/);
    expect((await rowsOf(ctx)).map((r) => r.status)).toEqual(["error", "error", "error"]);
  });

  it("times out with a clear message within the configured timeout, and does not retry a timeout", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "are you there");
    // The fixture never answers "timeout": that the run returns at all is the timeout firing.
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/timeout", variables: {} }, options: { ...FAST, timeoutMs: 300 } });
    expect(run).toMatchObject({ status: "error", errorKind: "timeout", error: "No response from fx/timeout within 0.3 s.", attempts: 1 });
    expect(requestsFor("timeout")).toHaveLength(1);

    // Slow but within the timeout is fine, and TTFT shows the wait.
    const slow = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-200ms", variables: {} }, options: { ...FAST, timeoutMs: 1000 } });
    expect(slow.status).toBe("success");
    // TTFT includes the fixture's 200 ms wait (a lower bound: load can only add to it) and precedes the end.
    expect(slow.timeToFirstTokenMs!).toBeGreaterThanOrEqual(200);
    expect(slow.timeToFirstTokenMs!).toBeLessThanOrEqual(slow.latencyMs!);
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
    // Abort once the fixture holds the request (its counter), not after a guessed delay.
    void waitFor(() => fixture.stats().inFlight > 0, "the request at the fixture").then(() => controller.abort());
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-3000ms", variables: {}, signal: controller.signal }, options: FAST });
    expect(run).toMatchObject({ status: "error", errorKind: "cancelled", error: "The run was cancelled." });
    expect(requestsFor("echo-slow-3000ms")).toHaveLength(1);
  });
});
