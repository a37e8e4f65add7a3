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
});
