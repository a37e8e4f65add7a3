import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import type { Database } from "@/db/client";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import { createProvider, listConnectionModels } from "@/lib/providers";
import { createTestDatabase } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";

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

describe("listConnectionModels: what each connection actually serves, for the playground", () => {
  it("lists each connection's reported models for editors; a connection that cannot answer says why", async () => {
    const w = await makeWorkspace(database);
    await createProvider({ ctx: w.ctx, input: { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: "fixture-key-123456" } });
    const down = await startFixtureModelServer({ port: 0 });
    await down.close();
    await createProvider({ ctx: w.ctx, input: { name: "gone", kind: "openai-compatible", baseUrl: down.url } });
    const editor = await addMember(database, w.ctx, "editor");

    const got = await listConnectionModels({ ctx: editor.ctx, timeoutMs: 3000 });
    expect(got.map((c) => c.connection)).toEqual(["fx", "gone"]);
    expect(got[0]).toMatchObject({ ok: true, kind: "openai-compatible", models: expect.arrayContaining(["echo", "echo-json"]) });
    expect(got[1]).toMatchObject({ ok: false, models: [], message: expect.stringMatching(/connection refused/) });

    const viewer = await addMember(database, w.ctx, "viewer");
    await expectAppError(listConnectionModels({ ctx: viewer.ctx }), "forbidden");
  });
});
