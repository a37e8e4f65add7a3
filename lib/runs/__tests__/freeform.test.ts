import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { setModelPrice } from "@/lib/models";
import { previewRunInput, runPrompt } from "@/lib/runs";
import { expectAppError } from "@/lib/test/expect";
import { addMember } from "@/lib/test/factories";
import { useRunsHarness, database, fixture, FAST, setup, rowsOf } from "./harness";

useRunsHarness();

describe("free-form runs (a playground template with no saved prompt)", () => {
  it("streams, computes cost, and stores one generation with no prompt or version, marked draft, source playground", async () => {
    const { ctx } = await setup();
    await setModelPrice({ ctx, input: { model: "echo", inputPerMillion: 2.5, outputPerMillion: 10 } });
    const deltas: string[] = [];
    const run = await runPrompt({
      ctx,
      input: { freeform: { type: "text", content: "Say hello to {{name}}" }, model: "fx/echo", variables: { name: "Ada" } },
      onDelta: (d) => deltas.push(d),
      options: FAST,
    });
    expect(run).toMatchObject({ status: "success", output: "[echo] echo: Say hello to Ada", promptSlug: null, versionNumber: null, isDraft: true, promptId: null, promptVersionId: null });
    expect(deltas.join("")).toBe(run.output);
    expect(run.costUsd).toBe((4 / 1e6) * 2.5 + (6 / 1e6) * 10);

    const rows = await rowsOf(ctx);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: run.id, workspaceId: ctx.workspace.id, promptId: null, promptVersionId: null, isDraft: true, source: "playground", variables: { name: "Ada" }, input: [{ role: "user", content: "Say hello to Ada" }] });
  });

  it("runs chat templates; a missing variable is a 400 naming it, before any call or row", async () => {
    const { ctx } = await setup();
    const content = [
      { role: "system", content: "Be terse." },
      { role: "user", content: "About {{topic}}" },
    ];
    const run = await runPrompt({ ctx, input: { freeform: { type: "chat", content }, model: "fx/echo", variables: { topic: "owls" } }, options: FAST });
    expect(run.input).toEqual([
      { role: "system", content: "Be terse." },
      { role: "user", content: "About owls" },
    ]);
    await expectAppError(runPrompt({ ctx, input: { freeform: { type: "chat", content }, model: "fx/echo", variables: {} }, options: FAST }), "invalid_input", /topic/);
    expect(await rowsOf(ctx)).toHaveLength(1);
    const before = fixture.requests.length;
    await expectAppError(runPrompt({ ctx, input: { freeform: { type: "text", content: 42 }, model: "fx/echo" }, options: FAST }), "invalid_input", /freeform\.content/);
    expect(fixture.requests.length).toBe(before);
  });

  it("refuses viewers and reviewers before anything is called or stored; refuses prompt and freeform together", async () => {
    const { ctx } = await setup();
    const input = { freeform: { type: "text" as const, content: "Hi {{x}}" }, model: "fx/echo", variables: { x: "1" } };
    for (const role of ["viewer", "reviewer"] as const) {
      const member = await addMember(database, ctx, role);
      await expectAppError(runPrompt({ ctx: member.ctx, input, options: FAST }), "forbidden", /editor/);
    }
    expect(fixture.requests).toHaveLength(0);
    expect(await rowsOf(ctx)).toHaveLength(0);
    await expect(runPrompt({ ctx, input: { ...input, prompt: "some-prompt" }, options: FAST })).rejects.toThrow(/either prompt/);
  });

  it("previews what would be sent without calling the model or storing; a missing variable names it", async () => {
    const { ctx } = await setup();
    const viewer = await addMember(database, ctx, "viewer");
    const preview = await previewRunInput({ ctx: viewer.ctx, input: { freeform: { type: "text", content: "Hi {{who}}" }, model: "fx/echo", variables: { who: "Bo" } } });
    expect(preview.messages).toEqual([{ role: "user", content: "Hi Bo" }]);
    await expectAppError(previewRunInput({ ctx, input: { freeform: { type: "text", content: "Hi {{who}}" }, model: "fx/echo", variables: {} } }), "invalid_input", /who/);
    expect(fixture.requests).toHaveLength(0);
    expect(await rowsOf(ctx)).toHaveLength(0);
  });
});
