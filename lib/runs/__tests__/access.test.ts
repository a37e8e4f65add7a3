import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { eq } from "drizzle-orm";
import { reviews } from "@/db/schema";
import { commitVersion } from "@/lib/prompts";
import { createProvider } from "@/lib/providers";
import { getRun, listRuns, rateGeneration, runPrompt } from "@/lib/runs";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { captureConsole, textPrompt } from "./helpers";
import { useRunsHarness, database, fixture, FIXTURE_KEY, FAST, setup, rowsOf } from "./harness";

useRunsHarness();

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
