import { afterAll, beforeAll, beforeEach } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { generations } from "@/db/schema";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import type { WorkspaceCtx } from "@/lib/context";
import { createProvider } from "@/lib/providers";
import type { RunOptions } from "@/lib/runs";
import { createTestDatabase } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

/*
 * Shared harness of the run tests: one database and one fixture model server per file (the real AI SDK over real
 * HTTP against it: only the remote model is a stand-in). Test files set PROMPTYARD_SECRET in vi.hoisted first.
 */
export let database: Database;
export let fixture: FixtureModelServer;

export function useRunsHarness() {
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await startFixtureModelServer({ port: 0 });
  });
  afterAll(async () => {
    await fixture?.close();
    await database?.close();
  });
  beforeEach(() => fixture.reset());
}

export const FIXTURE_KEY = "fixture-key-SECRET-5a6b7c8d9e";
export const FAST: RunOptions = { retry: { baseDelayMs: 10 } };

/** A workspace with an openai-compatible connection "fx" to the fixture. */
export async function setup() {
  const w = await makeWorkspace(database);
  await createProvider({ ctx: w.ctx, input: { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: FIXTURE_KEY } });
  return w;
}

export const requestsFor = (model: string) => fixture.requests.filter((r) => r.model === model);
export const rowsOf = (ctx: WorkspaceCtx) => database.db.select().from(generations).where(eq(generations.workspaceId, ctx.workspace.id));

/** Resolves once `cond` holds (polling each tick); the deadline only bounds a failing test, it asserts nothing about speed. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
