import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { generateText, streamText } from "ai";
import { countWords } from "@/e2e/fixtures/model-server";
import { setModelPrice } from "@/lib/models";
import { createProvider, languageModelFor } from "@/lib/providers";
import { runPrompt } from "@/lib/runs";
import { makeWorkspace } from "@/lib/test/factories";
import { chatPrompt } from "./helpers";
import { database, FAST, FIXTURE_KEY, fixture, requestsFor, rowsOf, useRunsHarness } from "./harness";

/*
 * The fixture model server speaks the Anthropic Messages API and Gemini generateContent too, so the real
 * @ai-sdk/anthropic and @ai-sdk/google providers run over real HTTP, built by our own languageModelFor, exactly as a
 * connection of that kind would run them: only the remote model is a stand-in.
 */
useRunsHarness();

const KINDS = [
  { kind: "anthropic" as const, model: "claude-echo", url: () => fixture.anthropicUrl, path: "/v1/messages" },
  { kind: "google" as const, model: "gemini-echo", url: () => fixture.googleUrl, path: "/v1beta/models/gemini-echo:" },
];

const messages = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "Summarize the tides today" },
];
// The fixture counts words over every message: 3 + 4 in; "[model] echo: Summarize the tides today" out.
const IN = 3 + 4;
const outFor = (model: string) => `[${model}] echo: Summarize the tides today`;

describe.each(KINDS)("the $kind wire format over real HTTP", ({ kind, model, url, path }) => {
  const lm = () => languageModelFor({ name: `fx-${kind}`, kind, baseUrl: url() }, model, { apiKey: FIXTURE_KEY, fetch });

  it("generateText (not streamed): text, finish reason and real token usage", async () => {
    const result = await generateText({ model: lm(), messages, maxRetries: 0 });
    expect(result.text).toBe(outFor(model));
    expect(result.finishReason).toBe("stop");
    expect(result.usage).toMatchObject({ inputTokens: IN, outputTokens: countWords(outFor(model)) });
    const [req] = fixture.requests;
    expect(req).toMatchObject({ format: kind, model, stream: false, status: 200 });
    expect(req!.path.startsWith(path)).toBe(true);
  });

  it("streamText: several deltas that add up to the answer, usage from the stream", async () => {
    const result = streamText({ model: lm(), messages, maxRetries: 0 });
    const deltas: string[] = [];
    for await (const d of result.textStream) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(outFor(model));
    expect(await result.usage).toMatchObject({ inputTokens: IN, outputTokens: countWords(outFor(model)) });
    expect(await result.finishReason).toBe("stop");
    expect(fixture.requests[0]).toMatchObject({ format: kind, stream: true, status: 200 });
  });

  it("max tokens cuts the answer with the format's own finish reason", async () => {
    const result = await generateText({ model: lm(), messages, maxOutputTokens: 2, maxRetries: 0 });
    expect(result.text).toBe(`[${model}] echo:`);
    expect(result.finishReason).toBe("length");
    expect(result.usage.outputTokens).toBe(2);
  });

  it("a wrong key is refused the way the provider refuses it", async () => {
    const bad = languageModelFor({ name: `fx-${kind}`, kind, baseUrl: url() }, model, { apiKey: "bad", fetch });
    await expect(generateText({ model: bad, messages, maxRetries: 0 })).rejects.toThrow(kind === "google" ? /API key not valid/ : /Incorrect API key/);
    expect(fixture.requests[0]!.status).toBe(kind === "google" ? 400 : 401);
  });

  it("runPrompt through a connection of this kind: streamed, stored with tokens and cost; a 429 is retried", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "fx", kind, baseUrl: url(), apiKey: FIXTURE_KEY } });
    await setModelPrice({ ctx, input: { model, inputPerMillion: 3, outputPerMillion: 15 } });
    const slug = await chatPrompt(ctx, [
      { role: "system", content: "You are terse." },
      { role: "user", content: "Summarize the {{what}} today" },
    ]);
    const deltas: string[] = [];
    const run = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: `fx/${model}`, variables: { what: "tides" } }, onDelta: (d) => deltas.push(d), options: FAST });
    const outTokens = countWords(outFor(model));
    expect(run).toMatchObject({ status: "success", provider: kind, output: outFor(model), inputTokens: IN, outputTokens: outTokens, attempts: 1 });
    expect(run.costUsd).toBe((IN / 1e6) * 3 + (outTokens / 1e6) * 15);
    expect(deltas.join("")).toBe(run.output);
    expect(requestsFor(model)).toMatchObject([{ format: kind, stream: true, status: 200 }]);
    expect(await rowsOf(ctx)).toHaveLength(1);

    const retried = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: `fx/${model}-fail-429-once`, variables: { what: "waves" } }, options: FAST });
    expect(retried).toMatchObject({ status: "success", attempts: 2 });
    expect(requestsFor(`${model}-fail-429-once`).map((r) => r.status)).toEqual([429, 200]);
  });
});
