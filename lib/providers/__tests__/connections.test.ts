import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, providerConnections } from "@/db/schema";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import {
  createProvider,
  decryptSecret,
  deleteProvider,
  getModelSettings,
  listProviders,
  PROVIDER_PRESETS,
  testConnection,
  updateModelSettings,
  updateProvider,
  type Resolver,
} from "@/lib/providers";
import { verifyAuditChain } from "@/lib/audit";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError, expectZodError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { captureConsole } from "@/lib/runs/__tests__/helpers";

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

const OPENAI_KEY = "sk-proj-connections-test-SECRET-9f8e7d6c";
const resolver: Resolver = async (host) => ({ "internal.test": ["10.1.2.3"], "public.test": ["93.184.216.34"] })[host] ?? ["127.0.0.1"];

async function auditActions(workspaceId: string) {
  const rows = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
  return rows.sort((a, b) => a.seq - b.seq);
}

describe(`provider connections (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("creates a connection with the key encrypted at rest and only a masked hint returned; audits without the key", async () => {
    const { ctx } = await makeWorkspace(database);
    const logs = captureConsole();
    const view = await createProvider({ ctx, input: { name: "openai", kind: "openai", apiKey: OPENAI_KEY } });
    const local = await createProvider({ ctx, input: { name: "ollama", kind: "openai-compatible", baseUrl: "http://localhost:11434/v1/" } });
    logs.restore();

    expect(view).toMatchObject({ name: "openai", kind: "openai", baseUrl: null, hasApiKey: true, apiKeyHint: "••••7d6c" });
    expect(local).toMatchObject({ baseUrl: "http://localhost:11434/v1", hasApiKey: false, apiKeyHint: null });
    expect(JSON.stringify([view, local])).not.toContain(OPENAI_KEY);

    const [row] = await database.db.select().from(providerConnections).where(eq(providerConnections.id, view.id));
    expect(row!.apiKeyEncrypted).toMatch(/^v1:/);
    expect(row!.apiKeyEncrypted).not.toContain(OPENAI_KEY);
    expect(decryptSecret(row!.apiKeyEncrypted!)).toBe(OPENAI_KEY);
    expect(row!.apiKeyHint).toBe("7d6c");

    const events = await auditActions(ctx.workspace.id);
    const created = events.filter((e) => e.action === "provider.create");
    expect(created.map((e) => e.data)).toEqual([
      { name: "openai", kind: "openai", baseUrl: null, hasApiKey: true },
      { name: "ollama", kind: "openai-compatible", baseUrl: "http://localhost:11434/v1", hasApiKey: false },
    ]);
    expect(JSON.stringify(events)).not.toContain(OPENAI_KEY);
    expect(logs.output()).not.toContain(OPENAI_KEY);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);

    const listed = await listProviders({ ctx });
    expect(listed.map((c) => c.name)).toEqual(["ollama", "openai"]);
    expect(JSON.stringify(listed)).not.toContain(OPENAI_KEY);
  });

  it("validates names, kinds, required fields and uniqueness with messages that say what to do", async () => {
    const { ctx } = await makeWorkspace(database);
    await expectZodError(createProvider({ ctx, input: { name: "Bad Name", kind: "openai", apiKey: OPENAI_KEY } }), /name must be 1-40 characters/);
    await expectZodError(createProvider({ ctx, input: { name: "x".repeat(41), kind: "openai", apiKey: OPENAI_KEY } }), /name must be 1-40 characters/);
    await expectZodError(createProvider({ ctx, input: { name: "k", kind: "azure" as "openai", apiKey: OPENAI_KEY } }), /kind must be one of: openai, anthropic, google, openai-compatible/);
    await expectAppError(createProvider({ ctx, input: { name: "nokey", kind: "anthropic" } }), "invalid_input", "apiKey is required for Anthropic connections.");
    await expectAppError(createProvider({ ctx, input: { name: "nourl", kind: "openai-compatible" } }), "invalid_input", /baseUrl is required for an OpenAI-compatible connection/);
    await createProvider({ ctx, input: { name: "dup", kind: "google", apiKey: "AIza-google-key-123456" } });
    await expectAppError(createProvider({ ctx, input: { name: "dup", kind: "openai", apiKey: OPENAI_KEY } }), "conflict", 'A connection named "dup" already exists in this workspace.');
    // Names are per workspace.
    const other = await makeWorkspace(database);
    await createProvider({ ctx: other.ctx, input: { name: "dup", kind: "openai", apiKey: OPENAI_KEY } });
  });

  it("refuses SSRF base URLs unless the workspace allows private endpoints (an admin setting, audited)", async () => {
    const { ctx } = await makeWorkspace(database);
    await expectAppError(
      createProvider({ ctx, input: { name: "lan", kind: "openai-compatible", baseUrl: "http://internal.test/v1" }, resolver }),
      "invalid_input",
      "Base URL http://internal.test/v1 resolves to a private address (10.1.2.3); an admin can allow private network endpoints in Settings.",
    );
    await expectAppError(createProvider({ ctx, input: { name: "meta", kind: "openai", apiKey: OPENAI_KEY, baseUrl: "http://169.254.169.254/v1" } }), "invalid_input", /cloud metadata/);
    expect(await getModelSettings({ ctx })).toEqual({ allowPrivateEndpoints: false, maxConcurrentRuns: 8 });
    expect(await updateModelSettings({ ctx, input: { allowPrivateEndpoints: true } })).toEqual({ allowPrivateEndpoints: true, maxConcurrentRuns: 8 });
    const lan = await createProvider({ ctx, input: { name: "lan", kind: "openai-compatible", baseUrl: "http://internal.test/v1" }, resolver });
    expect(lan.baseUrl).toBe("http://internal.test/v1");
    await expectZodError(updateModelSettings({ ctx, input: { maxConcurrentRuns: 0 } }), /between 1 and 64/);
    expect((await auditActions(ctx.workspace.id)).some((e) => e.action === "model_settings.update")).toBe(true);
  });

  it("updating the base URL of a keyed connection requires the key again", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "proxy", kind: "openai-compatible", baseUrl: "http://localhost:4000/v1", apiKey: "proxy-key-0000-aaaa" } });
    await expectAppError(
      updateProvider({ ctx, input: { name: "proxy", baseUrl: "http://localhost:5000/v1" } }),
      "invalid_input",
      "Changing the base URL of connection proxy requires entering its API key again (a stored key is never sent to a new address without it).",
    );
    // Same URL (modulo a trailing slash) is not a change.
    expect(await updateProvider({ ctx, input: { name: "proxy", baseUrl: "http://localhost:4000/v1/" } })).toMatchObject({ baseUrl: "http://localhost:4000/v1" });
    const moved = await updateProvider({ ctx, input: { name: "proxy", baseUrl: "http://localhost:5000/v1", apiKey: "proxy-key-1111-bbbb" } });
    expect(moved).toMatchObject({ baseUrl: "http://localhost:5000/v1", apiKeyHint: "••••bbbb" });
    const renamed = await updateProvider({ ctx, input: { name: "proxy", rename: "gateway", apiKey: null } });
    expect(renamed).toMatchObject({ name: "gateway", hasApiKey: false, apiKeyHint: null });
    // Keyless: the URL can move freely.
    expect(await updateProvider({ ctx, input: { name: "gateway", baseUrl: "http://localhost:6000/v1" } })).toMatchObject({ baseUrl: "http://localhost:6000/v1" });
    await expectAppError(updateProvider({ ctx, input: { name: "gateway", baseUrl: "http://10.0.0.1/v1" } }), "invalid_input", /private address \(10\.0\.0\.1\)/);
    await createProvider({ ctx, input: { name: "oa", kind: "openai", apiKey: OPENAI_KEY } });
    await expectAppError(updateProvider({ ctx, input: { name: "oa", apiKey: null } }), "invalid_input", /need an API key/);
    await expectAppError(updateProvider({ ctx, input: { name: "oa", rename: "gateway" } }), "conflict", /already exists/);

    const updates = (await auditActions(ctx.workspace.id)).filter((e) => e.action === "provider.update");
    expect(updates.map((e) => (e.data as { changes: unknown }).changes)).toEqual([
      { baseUrl: "http://localhost:5000/v1", apiKey: "replaced" },
      { apiKey: "removed", name: { from: "proxy", to: "gateway" } },
      { baseUrl: "http://localhost:6000/v1" },
    ]);
    expect(JSON.stringify(updates)).not.toMatch(/proxy-key/);

    await deleteProvider({ ctx, input: { name: "gateway" } });
    expect((await listProviders({ ctx })).map((c) => c.name)).toEqual(["oa"]);
    await expectAppError(deleteProvider({ ctx, input: { name: "gateway" } }), "not_found", 'Connection "gateway" not found.');
    expect((await auditActions(ctx.workspace.id)).filter((e) => e.action === "provider.delete")).toHaveLength(1);
  });

  it("roles: admins manage; editors see connections but cannot manage; reviewers and viewers see none; tenancy holds", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "oa", kind: "openai", apiKey: OPENAI_KEY } });
    const admin = await addMember(database, ctx, "admin");
    const editor = await addMember(database, ctx, "editor");
    const viewer = await addMember(database, ctx, "viewer");
    await createProvider({ ctx: admin.ctx, input: { name: "byadmin", kind: "openai-compatible", baseUrl: "http://localhost:11434/v1" } });
    expect((await listProviders({ ctx: editor.ctx })).map((c) => c.name)).toEqual(["byadmin", "oa"]);
    await expectAppError(createProvider({ ctx: editor.ctx, input: { name: "x", kind: "openai", apiKey: OPENAI_KEY } }), "forbidden", /Your role \(editor\) cannot manage model provider connections.*admin or higher/);
    await expectAppError(updateProvider({ ctx: editor.ctx, input: { name: "oa", apiKey: "sk-other-1234567890" } }), "forbidden");
    await expectAppError(deleteProvider({ ctx: editor.ctx, input: { name: "oa" } }), "forbidden");
    await expectAppError(testConnection({ ctx: editor.ctx, input: { name: "oa" } }), "forbidden");
    await expectAppError(updateModelSettings({ ctx: editor.ctx, input: { allowPrivateEndpoints: true } }), "forbidden");
    await expectAppError(listProviders({ ctx: viewer.ctx }), "forbidden");

    const other = await makeWorkspace(database);
    await expectAppError(deleteProvider({ ctx: other.ctx, input: { name: "oa" } }), "not_found");
    expect(await listProviders({ ctx: other.ctx })).toEqual([]);
  });

  it("exports the local presets", () => {
    expect(PROVIDER_PRESETS.map((p) => [p.label, p.baseUrl])).toEqual([
      ["Ollama", "http://localhost:11434/v1"],
      ["vLLM", "http://localhost:8000/v1"],
      ["LM Studio", "http://localhost:1234/v1"],
    ]);
  });
});

describe("testConnection: a tiny real call (list models) against the fixture server", () => {
  it("reports success with latency and the models found", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: "fixture-key-123456" } });
    const result = await testConnection({ ctx, input: { name: "fx" } });
    expect(result).toMatchObject({ ok: true, models: expect.arrayContaining(["echo", "fail-500"]) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.message).toMatch(new RegExp(`^Connected to ${fixture.url.replace(/[.]/g, "\\.")} in \\d+ ms; 7 models available: echo, echo-json`));
    const seen = fixture.requests.filter((r) => r.path === "/v1/models");
    expect(seen.length).toBeGreaterThan(0);
  });

  it("says the key was rejected, the server is down, or the URL is refused, without throwing", async () => {
    const { ctx } = await makeWorkspace(database);
    await createProvider({ ctx, input: { name: "badkey", kind: "openai", baseUrl: fixture.url, apiKey: "bad" } });
    const bad = await testConnection({ ctx, input: { name: "badkey" } });
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/^The provider rejected the API key of connection badkey \(HTTP 401/);

    const down = await startFixtureModelServer({ port: 0 });
    const downUrl = down.url;
    await down.close();
    const refused = await testConnection({ ctx, input: { kind: "openai-compatible", name: "local", baseUrl: downUrl } });
    expect(refused).toMatchObject({ ok: false, message: `Could not reach ${downUrl}: connection refused.` });

    const wrongPath = await testConnection({ ctx, input: { kind: "openai-compatible", baseUrl: fixture.origin } });
    expect(wrongPath.ok).toBe(false);
    expect(wrongPath.message).toMatch(/answered 404 Not Found; check its base URL .* \(OpenAI-compatible servers usually end in \/v1\)/);

    const lan = await testConnection({ ctx, input: { kind: "openai-compatible", baseUrl: "http://10.9.9.9/v1" } });
    expect(lan).toMatchObject({ ok: false, message: expect.stringMatching(/^Base URL http:\/\/10\.9\.9\.9\/v1 resolves to a private address \(10\.9\.9\.9\)/) });
  });
});
