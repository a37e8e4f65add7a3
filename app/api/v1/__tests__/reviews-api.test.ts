import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The signed-in session of the app: tests set who is signed in (null: nobody).
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

import { setDatabase, type Database } from "@/db/client";
import { createApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { makeGeneration, makeGenerations, reviewWorkspace } from "@/lib/reviews/__tests__/helpers";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import * as queueRoute from "../review-queues/[id]/route";
import * as itemsRoute from "../review-queues/[id]/items/route";
import * as nextRoute from "../review-queues/[id]/next/route";
import * as releaseRoute from "../review-queues/[id]/release/route";
import * as statsRoute from "../review-queues/[id]/stats/route";
import * as undoRoute from "../review-queues/[id]/undo/route";
import * as queuesRoute from "../review-queues/route";
import * as reviewsRoute from "../reviews/route";
import { apiRequest, routeParams } from "@/lib/test/api";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(async () => {
  await database?.close();
});

const req = apiRequest;
const p = (id: string) => routeParams({ id });
const signIn = (u: { id: string; name: string; email: string } | null) => (session.user = u);

async function setup() {
  const w = await reviewWorkspace(database);
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes } })).key;
  return { ...w, keys: { admin: await key(["admin"]), runs: await key(["runs:write"]), read: await key(["prompts:read"]) } };
}

describe(`review REST (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("keys automate queues: create (runs:write), add items, list and stats (prompts:read), delete (admin)", async () => {
    const w = await setup();
    signIn(null);
    const gens = await makeGenerations(w.ctx, 3, { promptId: w.prompt.id, promptVersionId: w.v1.id });
    let res = await queuesRoute.POST(req("POST", "/review-queues", w.keys.read, { name: "x", mode: "single" }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/\(runs:write\)/);

    res = await queuesRoute.POST(req("POST", "/review-queues", w.keys.runs, { name: "Nightly sample", mode: "single", reviewsPerItem: 2, generationIds: gens.slice(0, 2).map((g) => g.id) }));
    expect(res.status).toBe(201);
    const queue = await res.json();
    expect(queue).toMatchObject({ name: "Nightly sample", mode: "single", blind: false, reviewsPerItem: 2, added: 2, skipped: [] });

    res = await itemsRoute.POST(req("POST", `/review-queues/${queue.id}/items`, w.keys.runs, { generationIds: [gens[2]!.id, gens[0]!.id] }), p(queue.id));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ added: 1, skipped: [{ generationId: gens[0]!.id, reason: "Already in this queue." }] });

    res = await queuesRoute.GET(req("GET", "/review-queues", w.keys.read));
    expect((await res.json()).queues).toEqual([expect.objectContaining({ id: queue.id, items: 3, total: 6, done: 0 })]);
    res = await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, w.keys.read), p(queue.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ progress: { items: 3, total: 6, done: 0 }, agreement: { method: null } });

    res = await queuesRoute.POST(req("POST", "/review-queues", w.keys.runs, { name: "", mode: "triple", reviewsPerItem: 9 }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/name: name is required/);

    res = await queueRoute.DELETE(req("DELETE", `/review-queues/${queue.id}`, w.keys.runs), p(queue.id));
    expect(res.status).toBe(403);
    res = await queueRoute.DELETE(req("DELETE", `/review-queues/${queue.id}`, w.keys.admin), p(queue.id));
    expect(res.status).toBe(200);
    res = await queueRoute.GET(req("GET", `/review-queues/${queue.id}`, w.keys.admin), p(queue.id));
    expect(res.status).toBe(404);
  });

  it("API keys cannot take work or review (403 naming why); nobody signed in is 401", async () => {
    const w = await setup();
    const [g] = await makeGenerations(w.ctx, 1);
    const queue = await (await queuesRoute.POST(req("POST", "/review-queues", w.keys.admin, { name: "Q", mode: "single", generationIds: [g!.id] }))).json();
    signIn(null);
    let res = await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, w.keys.admin), p(queue.id));
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Reviews belong to a person/);
    res = await reviewsRoute.POST(req("POST", "/reviews", w.keys.admin, { itemId: "00000000-0000-4000-8000-000000000000", verdict: "up" }));
    expect(res.status).toBe(403);
    res = await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id));
    expect(res.status).toBe(401);
    res = await reviewsRoute.POST(req("POST", "/reviews", null, { itemId: "x", verdict: "up" }));
    expect(res.status).toBe(401);
  });

  it("a signed-in reviewer takes work, reviews, undoes and releases; 404 when nothing is left", async () => {
    const w = await setup();
    const gens = await makeGenerations(w.ctx, 2);
    const queue = await (await queuesRoute.POST(req("POST", "/review-queues", w.keys.admin, { name: "Q", mode: "single", generationIds: gens.map((g) => g.id) }))).json();
    signIn(w.reviewer1.user);
    let res = await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id));
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first).toMatchObject({ item: { queueId: queue.id, mode: "single" }, progress: { items: 2, total: 2, done: 0 } });
    res = await reviewsRoute.POST(req("POST", "/reviews", null, { itemId: first.item.itemId, verdict: "up", comment: "fine" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ itemId: first.item.itemId, verdict: "up", comment: "fine" });
    res = await reviewsRoute.POST(req("POST", "/reviews", null, { itemId: first.item.itemId, verdict: "up" }));
    expect(res.status).toBe(409);

    res = await undoRoute.POST(req("POST", `/review-queues/${queue.id}/undo`, null), p(queue.id));
    expect(res.status).toBe(200);
    expect((await res.json()).item.itemId).toBe(first.item.itemId);
    res = await releaseRoute.POST(req("POST", `/review-queues/${queue.id}/release`, null, { itemId: first.item.itemId }), p(queue.id));
    expect(await res.json()).toEqual({ released: true });

    for (let i = 0; i < 2; i++) {
      const next = await (await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id))).json();
      res = await reviewsRoute.POST(req("POST", "/reviews", null, { itemId: next.item.itemId, verdict: "down" }));
      expect(res.status).toBe(201);
    }
    res = await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No item in this queue needs your review right now." } });
    res = await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, null), p(queue.id));
    expect((await res.json()).progress).toMatchObject({ done: 2, completedItems: 2 });
  });

  it("a viewer cannot review (403); a reviewer cannot edit queues (403); another workspace's queue is 404", async () => {
    const w = await setup();
    const [g] = await makeGenerations(w.ctx, 1);
    const queue = await (await queuesRoute.POST(req("POST", "/review-queues", w.keys.admin, { name: "Q", mode: "single", generationIds: [g!.id] }))).json();
    signIn(w.viewer.user);
    let res = await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id));
    expect(res.status).toBe(403);
    signIn(w.reviewer1.user);
    res = await queueRoute.PATCH(req("PATCH", `/review-queues/${queue.id}`, null, { name: "Mine now" }), p(queue.id));
    expect(res.status).toBe(403);
    res = await itemsRoute.POST(req("POST", `/review-queues/${queue.id}/items`, null, { generationIds: [g!.id] }), p(queue.id));
    expect(res.status).toBe(403);

    const other = await makeWorkspace(database);
    signIn(other.owner);
    for (const r of [
      await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id)),
      await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, null), p(queue.id)),
      await queueRoute.GET(req("GET", `/review-queues/${queue.id}`, null), p(queue.id)),
    ]) {
      expect(r.status).toBe(404);
      expect((await r.json()).error).toEqual({ code: "not_found", message: "Review queue not found." });
    }
    const otherKey = (await createApiKey({ ctx: other.ctx, input: { name: "k", scopes: ["admin"] } })).key;
    res = await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, otherKey), p(queue.id));
    expect(res.status).toBe(404);
  });

  it("blind queue: the JSON a reviewer receives names no version, label or model", async () => {
    const w = await setup();
    const model = "mistral-hidden-7b";
    const vars = { question: "which is better?" };
    const a = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, variables: vars, model, output: "first answer" });
    const b = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables: vars, model: "gpt-4.1-nano", output: "second answer" });
    const queue = await (await queuesRoute.POST(req("POST", "/review-queues", w.keys.admin, { name: "Blind pair", mode: "pairwise", blind: true, generationIds: [a.id, b.id] }))).json();
    expect(queue.added).toBe(1);
    signIn(w.reviewer1.user);
    const bodies: string[] = [];
    let res = await nextRoute.POST(req("POST", `/review-queues/${queue.id}/next`, null), p(queue.id));
    bodies.push(await res.text());
    const next = JSON.parse(bodies[0]!);
    expect(next.item.outputs.map((o: { text: string }) => o.text).sort()).toEqual(["first answer", "second answer"]);
    res = await reviewsRoute.POST(req("POST", "/reviews", null, { itemId: next.item.itemId, verdict: "tie" }));
    bodies.push(await res.text());
    res = await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, null), p(queue.id));
    bodies.push(await res.text());
    res = await queueRoute.GET(req("GET", `/review-queues/${queue.id}`, null), p(queue.id));
    bodies.push(await res.text());
    for (const text of bodies) {
      for (const secret of [model, "gpt-4.1-nano", '"version"', "v1", "v2", w.v1.id, w.v2.id, a.id, b.id, "production", "latest"]) expect(text, secret).not.toContain(secret);
    }
    // The same stats for someone who manages queues name them.
    const full = await (await statsRoute.GET(req("GET", `/review-queues/${queue.id}/stats`, w.keys.read), p(queue.id))).text();
    expect(full).toContain(model);
  });
});
