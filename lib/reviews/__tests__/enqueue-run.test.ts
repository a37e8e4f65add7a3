import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reviewItems, reviewQueues } from "@/db/schema";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import { createProvider } from "@/lib/providers";
import { createQueue } from "@/lib/reviews";
import { runPrompt } from "@/lib/runs";
import { captureConsole, textPrompt } from "@/lib/runs/__tests__/helpers";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

// The hook in runPrompt: each stored generation is offered to the filter queues; sampling never fails a run.
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

describe(`runs feed filter queues (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("a run matching a queue's filter becomes an item; a failed run does not; a broken queue does not fail the run", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "fx", kind: "openai-compatible", baseUrl: fixture.url } });
    const slug = await textPrompt(ctx, "Greet {{name}}");
    const { queue } = await createQueue({ ctx, input: { name: "All echo runs", filter: { models: ["fx/echo"] } } });
    const items = () => database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queue.id));

    const ok = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { name: "Ada" } } });
    expect(ok.status).toBe("success");
    expect((await items()).map((i) => i.generationId)).toEqual([ok.id]);

    const failed = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/fail-500", variables: { name: "Ada" } }, options: { retry: { maxAttempts: 1 } } });
    expect(failed.status).toBe("error");
    expect(await items()).toHaveLength(1);

    // A queue whose stored filter cannot be used (hand-edited, say) is logged and skipped; the run is stored anyway.
    await database.db.update(reviewQueues).set({ mode: "pairwise", filter: { models: ["fx/echo"], from: "not a date" } }).where(eq(reviewQueues.id, queue.id));
    const logs = captureConsole();
    const still = await runPrompt({ ctx, input: { prompt: slug, version: 1, model: "fx/echo", variables: { name: "Bo" } } });
    logs.restore();
    expect(still.status).toBe("success");
    expect(logs.output()).toMatch(/review sampling failed/);
  });
});
