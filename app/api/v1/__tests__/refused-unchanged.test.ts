import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Keys only here: no session.
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));

import { setDatabase, type Database } from "@/db/client";
import { createApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { createQueue, getQueue } from "@/lib/reviews";
import { makeGenerations, reviewWorkspace } from "@/lib/reviews/__tests__/helpers";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import * as queueRoute from "../review-queues/[id]/route";
import * as itemsRoute from "../review-queues/[id]/items/route";
import * as labelRoute from "../prompts/[slug]/labels/[label]/route";
import * as versionsRoute from "../prompts/[slug]/versions/route";
import * as promptRoute from "../prompts/[slug]/route";
import * as promptsRoute from "../prompts/route";
import * as providersRoute from "../providers/route";
import * as providerRoute from "../providers/[name]/route";
import * as queuesRoute from "../review-queues/route";
import * as runsRoute from "../runs/route";
import { apiRequest, routeParams } from "@/lib/test/api";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(() => database?.close());

const req = apiRequest;
const p = routeParams;

async function setup() {
  const w = await reviewWorkspace(database);
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes } })).key;
  const gens = await makeGenerations(w.ctx, 2, { promptId: w.prompt.id, promptVersionId: w.v1.id });
  const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Original", mode: "single", generationIds: [gens[0]!.id] } });
  return { ...w, queue, gens, runs: await key(["runs:write"]), read: await key(["prompts:read"]), write: await key(["prompts:write", "labels:write"]) };
}

describe(`refused means unchanged; allowed means answered (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("PATCH a queue with a runs:write key (may edit, may not read) answers 200 with what was saved", async () => {
    const w = await setup();
    const res = await queueRoute.PATCH(req("PATCH", `/review-queues/${w.queue.id}`, w.runs, { name: "Renamed" }), p({ id: w.queue.id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: w.queue.id, name: "Renamed" });
  });

  it("PATCH, DELETE and add-items refused for a prompts:read key leave the queue as it was", async () => {
    const w = await setup();
    let res = await queueRoute.PATCH(req("PATCH", `/review-queues/${w.queue.id}`, w.read, { name: "Hijacked" }), p({ id: w.queue.id }));
    expect(res.status).toBe(403);
    res = await queueRoute.DELETE(req("DELETE", `/review-queues/${w.queue.id}`, w.runs), p({ id: w.queue.id }));
    expect(res.status).toBe(403);
    res = await itemsRoute.POST(req("POST", `/review-queues/${w.queue.id}/items`, w.read, { generationIds: [w.gens[1]!.id] }), p({ id: w.queue.id }));
    expect(res.status).toBe(403);
    const after = await getQueue({ ctx: w.ctx, input: { queueId: w.queue.id } });
    expect(after.name).toBe("Original");
    expect(after.archivedAt).toBeNull();
  });

  it("a refused label move or commit leaves the prompt as it was", async () => {
    const w = await setup();
    const slug = encodeURIComponent(w.prompt.slug);
    const before = await (await promptRoute.GET(req("GET", `/prompts/${slug}?label=latest`, w.read), p({ slug }))).json();
    let res = await labelRoute.PUT(req("PUT", `/prompts/${slug}/labels/production`, w.write, { version: 1, reason: "needs admin" }), p({ slug, label: "production" }));
    expect(res.status).toBe(403);
    res = await versionsRoute.POST(req("POST", `/prompts/${slug}/versions`, w.read, { content: "changed", message: "m" }), p({ slug }));
    expect(res.status).toBe(403);
    const after = await (await promptRoute.GET(req("GET", `/prompts/${slug}?label=latest`, w.read), p({ slug }))).json();
    expect(after).toEqual(before);
    res = await promptRoute.GET(req("GET", `/prompts/${slug}?label=production`, w.read), p({ slug }));
    expect(res.status).toBe(404);
  });

  it("providers, prompt creation, queue creation and runs refused for a key without the scope leave nothing behind", async () => {
    const w = await setup();
    const admin = (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes: ["admin"] } })).key;
    const name = uniq("conn");
    let res = await providersRoute.POST(req("POST", "/providers", admin, { name, kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1" }));
    expect(res.status).toBe(201);
    const providersBefore = await (await providersRoute.GET(req("GET", "/providers", admin))).json();

    res = await providersRoute.POST(req("POST", "/providers", w.write, { name: uniq("x"), kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1" }));
    expect(res.status).toBe(403);
    res = await providerRoute.PATCH(req("PATCH", `/providers/${name}`, w.write, { baseUrl: "http://127.0.0.1:8/v1" }), p({ name }));
    expect(res.status).toBe(403);
    res = await providerRoute.DELETE(req("DELETE", `/providers/${name}`, w.runs), p({ name }));
    expect(res.status).toBe(403);
    expect(await (await providersRoute.GET(req("GET", "/providers", admin))).json()).toEqual(providersBefore);

    const slug = uniq("never");
    res = await promptsRoute.POST(req("POST", "/prompts", w.read, { slug, type: "text", content: "x", message: "m" }));
    expect(res.status).toBe(403);
    res = await promptRoute.GET(req("GET", `/prompts/${slug}?label=latest`, w.read), p({ slug }));
    expect(res.status).toBe(404);

    const queuesBefore = await (await queuesRoute.GET(req("GET", "/review-queues", w.read))).json();
    res = await queuesRoute.POST(req("POST", "/review-queues", w.read, { name: "Never", mode: "single" }));
    expect(res.status).toBe(403);
    expect(await (await queuesRoute.GET(req("GET", "/review-queues", w.read))).json()).toEqual(queuesBefore);

    const runsBefore = await (await runsRoute.GET(req("GET", "/runs", w.read))).json();
    res = await runsRoute.POST(req("POST", "/runs", w.read, { prompt: w.prompt.slug, version: 1, model: `${name}/m`, variables: {} }));
    expect(res.status).toBe(403);
    expect(await (await runsRoute.GET(req("GET", "/runs", w.read))).json()).toEqual(runsBefore);
  });
});
