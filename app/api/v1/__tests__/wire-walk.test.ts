import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

import { setDatabase, type Database } from "@/db/client";
import { startFixtureModelServer, type FixtureModelServer } from "@/e2e/fixtures/model-server";
import { createApiKey } from "@/lib/api-keys";
import { openApiDocument, OPERATIONS } from "@/lib/openapi";
import { makeGenerations, reviewWorkspace } from "@/lib/reviews/__tests__/helpers";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { publishedValidator } from "./openapi-helpers";
import * as openapiRoute from "../openapi.json/route";
import * as auditRoute from "../audit/verify/route";
import * as heartbeatRoute from "../deployments/heartbeat/route";
import * as deploymentsRoute from "../deployments/route";
import * as historyRoute from "../prompts/[slug]/labels/[label]/history/route";
import * as labelRoute from "../prompts/[slug]/labels/[label]/route";
import * as renderRoute from "../prompts/[slug]/render/route";
import * as promptRoute from "../prompts/[slug]/route";
import * as versionsRoute from "../prompts/[slug]/versions/route";
import * as promptsRoute from "../prompts/route";
import * as providerRoute from "../providers/[name]/route";
import * as providerTestRoute from "../providers/[name]/test/route";
import * as providersRoute from "../providers/route";
import * as itemsRoute from "../review-queues/[id]/items/route";
import * as nextRoute from "../review-queues/[id]/next/route";
import * as releaseRoute from "../review-queues/[id]/release/route";
import * as queueRoute from "../review-queues/[id]/route";
import * as statsRoute from "../review-queues/[id]/stats/route";
import * as undoRoute from "../review-queues/[id]/undo/route";
import * as queuesRoute from "../review-queues/route";
import * as reviewsRoute from "../reviews/route";
import * as runRoute from "../runs/[id]/route";
import * as runsRoute from "../runs/route";
import * as workspaceRoute from "../workspace/route";
import { apiRequest, routeParams } from "@/lib/test/api";

// Every /api/v1 operation, called for real; each success body must validate against the schema the OpenAPI
// document publishes for that operation and status (ajv, JSON Schema 2020-12).
let database: Database;
let fixture: FixtureModelServer;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  fixture = await startFixtureModelServer({ port: 0 });
});
afterAll(async () => {
  await fixture?.close();
  await database?.close();
});

const req = apiRequest;
const p = routeParams;

describe(`every /api/v1 response matches its published schema (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("walks all operations and validates each success body", async () => {
    const doc = openApiDocument();
    const validate = publishedValidator(doc);
    const seen = new Set<string>();
    async function check(operationId: string, res: Response) {
      const op = OPERATIONS.find((o) => o.operationId === operationId)!;
      const text = await res.text();
      expect(res.status, `${operationId}: ${text}`).toBe(op.success.status);
      const problems = validate(op.path, op.method, res.status, JSON.parse(text));
      expect(problems, `${operationId} response does not match the document`).toEqual([]);
      seen.add(operationId);
      return JSON.parse(text);
    }

    const w = await reviewWorkspace(database);
    const key = async (scopes: Parameters<typeof createApiKey>[0]["input"]["scopes"]) => (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes } })).key;
    const admin = await key(["admin"]);
    const slug = `walk/${uniq("p")}`;
    const enc = encodeURIComponent(slug);

    await check("getOpenApiDocument", await openapiRoute.GET(req("GET", "/openapi.json", null)));
    await check("getWorkspace", await workspaceRoute.GET(req("GET", "/workspace", admin)));
    await check("createPrompt", await promptsRoute.POST(req("POST", "/prompts", admin, { slug, type: "text", content: "Hi {{name}}", message: "first", config: { temperature: 0.2, stop: ["END"] } })));
    await check("commitVersion", await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, admin, { content: "Hello {{name}}", message: "second" }), p({ slug: enc })));
    const chat = `walk/${uniq("chat")}`;
    await check("createPrompt", await promptsRoute.POST(req("POST", "/prompts", admin, { slug: chat, type: "chat", content: [{ role: "system", content: "Be brief." }, { role: "user", content: "{{q}}" }], message: "c" })));
    await check("listPrompts", await promptsRoute.GET(req("GET", "/prompts?limit=5", admin)));
    await check("listVersions", await versionsRoute.GET(req("GET", `/prompts/${enc}/versions?limit=10&offset=0`, admin), p({ slug: enc })));
    const moved = await check("moveLabel", await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, admin, { version: 2, reason: "ship" }), p({ slug: enc, label: "production" })));
    expect(moved).toMatchObject({ label: "production", version: 2, changed: true });
    await check("labelHistory", await historyRoute.GET(req("GET", `/prompts/${enc}/labels/production/history?limit=5`, admin), p({ slug: enc, label: "production" })));
    const served = await check("getPrompt", await promptRoute.GET(req("GET", `/prompts/${enc}?label=production`, admin), p({ slug: enc })));
    expect(served).toMatchObject({ version: 2, content: "Hello {{name}}" });
    await check("getPrompt", await promptRoute.GET(req("GET", `/prompts/${encodeURIComponent(chat)}?version=1`, admin), p({ slug: encodeURIComponent(chat) })));
    const rendered = await check("renderPrompt", await renderRoute.POST(req("POST", `/prompts/${enc}/render`, admin, { version: 1, variables: { name: "Ada" } }), p({ slug: enc })));
    expect(rendered.content).toBe("Hi Ada");

    const created = await check("createProvider", await providersRoute.POST(req("POST", "/providers", admin, { name: "fx", kind: "openai-compatible", baseUrl: fixture.url, apiKey: "sk-walk-0123456789" })));
    expect(created).not.toHaveProperty("apiKey");
    await check("listProviders", await providersRoute.GET(req("GET", "/providers", admin)));
    await check("getProvider", await providerRoute.GET(req("GET", "/providers/fx", admin), p({ name: "fx" })));
    await check("testProvider", await providerTestRoute.POST(req("POST", "/providers/fx/test", admin), p({ name: "fx" })));
    await check("updateProvider", await providerRoute.PATCH(req("PATCH", "/providers/fx", admin, { baseUrl: fixture.url, apiKey: "sk-walk-9876543210" }), p({ name: "fx" })));
    const run = await check("runPrompt", await runsRoute.POST(req("POST", "/runs", admin, { prompt: slug, version: 2, model: "fx/gpt-4o-mini", variables: { name: "Ada" } })));
    await check("listRuns", await runsRoute.GET(req("GET", `/runs?prompt=${enc}&limit=10`, admin)));
    await check("getRun", await runRoute.GET(req("GET", `/runs/${run.id}`, admin), p({ id: run.id })));

    // The documented 502 of a failed model call validates too.
    const failed = await runsRoute.POST(req("POST", "/runs", admin, { prompt: slug, version: 2, model: "fx/missing-model", variables: { name: "Ada" } }));
    expect(failed.status).toBe(502);
    expect(validate("/runs", "post", 502, await failed.json())).toEqual([]);

    const gens = await makeGenerations(w.ctx, 3, { promptId: w.prompt.id, promptVersionId: w.v1.id });
    const queue = await check("createReviewQueue", await queuesRoute.POST(req("POST", "/review-queues", admin, { name: "Walk", mode: "single", generationIds: [gens[0]!.id] })));
    await check("listReviewQueues", await queuesRoute.GET(req("GET", "/review-queues?archived=0", admin)));
    await check("getReviewQueue", await queueRoute.GET(req("GET", `/review-queues/${queue.id}`, admin), p({ id: queue.id })));
    await check("updateReviewQueue", await queueRoute.PATCH(req("PATCH", `/review-queues/${queue.id}`, admin, { instructions: "Be fair." }), p({ id: queue.id })));
    await check("addReviewItems", await itemsRoute.POST(req("POST", `/review-queues/${queue.id}/items`, admin, { generationIds: [gens[1]!.id, gens[2]!.id] }), p({ id: queue.id })));

    session.user = w.reviewer1.user;
    const next = await check("nextReviewItem", await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p({ id: queue.id })));
    await check("submitReview", await reviewsRoute.POST(req("POST", "/reviews", null, { itemId: next.item.itemId, verdict: "up", comment: "ok" })));
    await check("undoReview", await undoRoute.POST(req("POST", `/review-queues/${queue.id}/undo`, null), p({ id: queue.id })));
    await check("releaseReviewItem", await releaseRoute.POST(req("POST", `/review-queues/${queue.id}/release`, null, { itemId: next.item.itemId }), p({ id: queue.id })));
    session.user = null;
    await check("reviewQueueStats", await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, admin), p({ id: queue.id })));
    await check("verifyAuditChain", await auditRoute.GET(req("GET", "/audit/verify", admin)));
    const v1 = await (await promptRoute.GET(req("GET", `/prompts/${enc}?version=1`, admin), p({ slug: enc }))).json();
    await check("reportDeployment", await heartbeatRoute.POST(req("POST", "/deployments/heartbeat", admin, { deployment: "walk", prompts: [{ slug, hash: v1.hash }] })));
    await check("listDeployments", await deploymentsRoute.GET(req("GET", "/deployments", admin)));
    await check("deleteReviewQueue", await queueRoute.DELETE(req("DELETE", `/review-queues/${queue.id}`, admin), p({ id: queue.id })));
    await check("deleteProvider", await providerRoute.DELETE(req("DELETE", "/providers/fx", admin), p({ name: "fx" })));

    expect([...OPERATIONS.map((o) => o.operationId)].filter((id) => !seen.has(id))).toEqual([]);
  });

  it("the validator catches a response that breaks the contract", () => {
    const validate = publishedValidator(openApiDocument());
    expect(validate("/workspace", "get", 200, { slug: "a", name: "b", scopes: ["prompts:read"] })).toEqual([]);
    expect(validate("/workspace", "get", 200, { slug: "a", name: "b", scopes: ["root"] })).not.toEqual([]);
    expect(validate("/workspace", "get", 200, { slug: "a", name: "b", scopes: [], apiKey: "leak" })).not.toEqual([]);
    expect(validate("/prompts/{slug}", "get", 404, { error: { code: "not_found", message: "x" } })).toEqual([]);
  });
});
