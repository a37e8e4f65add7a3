import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { updateModelSettings } from "@/lib/providers";
import { InProcessRunLimiter, runPrompt } from "@/lib/runs";
import { expectAppError } from "@/lib/test/expect";
import { textPrompt } from "./helpers";
import { useRunsHarness, fixture, FAST, setup, rowsOf, waitFor } from "./harness";

useRunsHarness();

describe("per-workspace concurrency limit", () => {
  it("with max 1, two runs do not overlap at the provider; with max 2 they do", async () => {
    const { ctx } = await setup();
    const slug = await textPrompt(ctx, "wait {{n}}");
    const limiter = new InProcessRunLimiter();
    const run = (n: string) => runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo-slow-200ms", variables: { n } }, options: { ...FAST, limiter } });

    await updateModelSettings({ ctx, input: { maxConcurrentRuns: 1 } });
    const [a, b] = await Promise.all([run("a"), run("b")]);
    expect([a.status, b.status]).toEqual(["success", "success"]);
    expect(fixture.stats()).toMatchObject({ maxInFlight: 1, total: 2 }); // the fixture's counters: one at a time
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
    await waitFor(() => limiter.active(ctx.workspace.id) === 1, "the first run holding the slot");
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
