import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey, revokeApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { startEventDispatcher, stopEventDispatcher } from "@/lib/events";
import { moveLabel } from "@/lib/labels";
import { commitVersion, createPrompt, updatePrompt } from "@/lib/prompts";
import { setApiKeyLimiter } from "@/lib/rate-limit";
import { disableServingCache, enableServingCache, handleServingRequest, servingState } from "@/lib/serving";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { apiRequest, routeParams } from "@/lib/test/api";
import * as promptRoute from "@/app/api/v1/prompts/[slug]/route";
import * as renderRoute from "@/app/api/v1/prompts/[slug]/render/route";

// The hot path as server.ts runs it: a real node:http server calling handleServingRequest (anything else is a 599,
// so a request that slipped past the hot path shows), the event dispatcher started, the serving cache on.
let database: Database;
let server: Server;
let base: string;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  await startEventDispatcher({ db: database.db, pollIntervalMs: 3_600_000 });
  enableServingCache();
  setApiKeyLimiter(null);
  server = createServer((req, res) => {
    if (!handleServingRequest(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  server?.close();
  disableServingCache();
  setApiKeyLimiter(null);
  await stopEventDispatcher();
  await database?.close();
});

async function setup() {
  const w = await makeWorkspace(database);
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes } })).key;
  const slug = `support/${uniq("reply")}`;
  await createPrompt({ ctx: w.ctx, input: { slug, type: "text", content: "One {{name}}", message: "v1" } });
  await commitVersion({ ctx: w.ctx, input: { slug, content: "Two {{name}}", message: "v2" } });
  return { ...w, slug, enc: encodeURIComponent(slug), read: await key(["prompts:read"]), runsOnly: await key(["runs:write"]) };
}

const get = (path: string, key: string | null, headers: Record<string, string> = {}) =>
  fetch(base + path, { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });
const post = (path: string, key: string, body: unknown) =>
  fetch(base + path, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe(`hot serving path (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("a read right after each of 1,000 label moves returns the version just promoted", async () => {
    const { ctx, enc, slug, read } = await setup();
    const hitsBefore = servingState()!.cache.hits;
    for (let i = 0; i < 1000; i++) {
      const version = (i % 2) + 1;
      await moveLabel({ ctx, input: { slug, label: "production", version, reason: `move ${i}` } });
      const res = await get(`/prompts/${enc}?label=production`, read);
      expect(res.status).toBe(200);
      expect((await res.json()).version, `read after move ${i}`).toBe(version);
      // A second read is a cache hit and still the new version.
      expect((await (await get(`/prompts/${enc}?label=production`, read)).json()).version).toBe(version);
    }
    expect(servingState()!.cache.hits - hitsBefore).toBeGreaterThanOrEqual(1000);
  }, 600_000);

  it("ETag and 304; the ETag changes when a label moves onto the version", async () => {
    const { ctx, enc, slug, read } = await setup();
    let res = await get(`/prompts/${enc}?version=1`, read);
    const etag = res.headers.get("etag")!;
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    res = await get(`/prompts/${enc}?version=1`, read, { "if-none-match": etag });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    await moveLabel({ ctx, input: { slug, label: "staging", version: 1, reason: "try" } });
    res = await get(`/prompts/${enc}?version=1`, read, { "if-none-match": etag });
    expect(res.status).toBe(200);
    expect((await res.json()).labels).toEqual(["staging"]);
    expect(res.headers.get("etag")).not.toBe(etag);
  });

  it("point-in-time reads against a history of 50 moves", async () => {
    const { ctx, enc, slug, read } = await setup();
    for (let n = 3; n <= 6; n++) await commitVersion({ ctx, input: { slug, content: `V${n} {{name}}`, message: `v${n}` } });
    const marks: { at: string; version: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const version = ((i * 7) % 6) + 1;
      await moveLabel({ ctx, input: { slug, label: "production", version, reason: `m${i}` } });
      await new Promise((r) => setTimeout(r, 3));
      marks.push({ at: new Date().toISOString(), version });
      await new Promise((r) => setTimeout(r, 3));
    }
    for (const round of [1, 2]) {
      for (const m of marks) {
        const res = await get(`/prompts/${enc}?label=production&at=${encodeURIComponent(m.at)}`, read);
        expect((await res.json()).version, `round ${round} at ${m.at}`).toBe(m.version);
      }
    }
    const before = await get(`/prompts/${enc}?label=production&at=2000-01-01T00:00:00Z`, read);
    expect(before.status).toBe(404);
  });

  it("a revoked key is refused at once, although its checks were cached", async () => {
    const { ctx, enc, read } = await setup();
    expect((await get(`/prompts/${enc}?version=1`, read)).status).toBe(200);
    expect((await get(`/prompts/${enc}?version=1`, read)).status).toBe(200);
    const keys = (await import("@/lib/api-keys")).listApiKeys;
    const listed = await keys({ ctx });
    const id = listed.find((k: { prefix: string }) => read.startsWith(k.prefix))!.id;
    await revokeApiKey({ ctx, input: { id } });
    const res = await get(`/prompts/${enc}?version=1`, read);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("scopes: a key without prompts:read gets 403 on GET and render; no key 401", async () => {
    const { enc, runsOnly } = await setup();
    let res = await get(`/prompts/${enc}`, runsOnly);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain("prompts:read");
    res = await post(`/prompts/${enc}/render`, runsOnly, { version: 1, variables: { name: "x" } });
    expect(res.status).toBe(403);
    expect((await get(`/prompts/${enc}`, null)).status).toBe(401);
  });

  it("another workspace's prompt is a 404, cached or not", async () => {
    const a = await setup();
    const b = await setup();
    expect((await get(`/prompts/${a.enc}?version=1`, a.read)).status).toBe(200); // now cached for workspace a
    const res = await get(`/prompts/${a.enc}?version=1`, b.read);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    const r = await post(`/prompts/${a.enc}/render`, b.read, { version: 1, variables: { name: "x" } });
    expect(r.status).toBe(404);
  });

  it("render: cached version and components, evicted when a component moves or stops being one", async () => {
    const { ctx, read } = await setup();
    const comp = uniq("safety");
    await createPrompt({ ctx, input: { slug: comp, type: "text", content: "Be kind.", message: "c1", isComponent: true } });
    const root = uniq("root");
    await createPrompt({ ctx, input: { slug: root, type: "text", content: "Hi {{name}}. {{> " + comp + "}}", message: "r1" } });
    await moveLabel({ ctx, input: { slug: root, label: "staging", version: 1, reason: "r" } });
    let res = await post(`/prompts/${root}/render`, read, { label: "staging", variables: { name: "Ada" } });
    expect(await res.json()).toMatchObject({ content: "Hi Ada. Be kind.", components: [{ slug: comp, version: 1 }] });
    await commitVersion({ ctx, input: { slug: comp, content: "Be brief.", message: "c2" } });
    res = await post(`/prompts/${root}/render`, read, { label: "staging", variables: { name: "Ada" } });
    expect((await res.json()).content).toBe("Hi Ada. Be brief.");
    res = await post(`/prompts/${root}/render`, read, { label: "staging", variables: {} });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("Missing variable: name");
    await updatePrompt({ ctx, input: { slug: comp, isComponent: false } });
    res = await post(`/prompts/${root}/render`, read, { label: "staging", variables: { name: "Ada" } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain("not marked as a component");
  });

  it("answers the same bytes, status and headers as the Next route for the same requests", async () => {
    const { enc, read } = await setup();
    const cases: { method: "GET" | "POST"; path: string; body?: unknown; headers?: Record<string, string> }[] = [
      { method: "GET", path: `/prompts/${enc}?version=2` },
      { method: "GET", path: `/prompts/${enc}?label=latest` },
      { method: "GET", path: `/prompts/${enc}` },
      { method: "GET", path: `/prompts/${enc}?label=nope` },
      { method: "GET", path: `/prompts/${enc}?version=abc` },
      { method: "GET", path: `/prompts/${enc}?label=latest&version=1` },
      { method: "GET", path: `/prompts/no-such-prompt` },
      { method: "POST", path: `/prompts/${enc}/render`, body: { version: 1, variables: { name: "Ada" } } },
      { method: "POST", path: `/prompts/${enc}/render`, body: { version: 1 } },
      { method: "POST", path: `/prompts/${enc}/render`, body: "{not json" },
    ];
    for (const c of cases) {
      for (let twice = 0; twice < 2; twice++) {
        const hot = c.method === "GET" ? await get(c.path, read) : await fetch(base + c.path, { method: "POST", headers: { authorization: `Bearer ${read}`, "content-type": "application/json" }, body: typeof c.body === "string" ? c.body : JSON.stringify(c.body) });
        const req = apiRequest(c.method, c.path, read, c.body);
        const seg = c.path.split("?")[0]!.split("/")[2]!;
        const viaNext = c.method === "GET" ? await promptRoute.GET(req, routeParams({ slug: seg })) : await renderRoute.POST(req, routeParams({ slug: seg }));
        const label = `${c.method} ${c.path}`;
        expect(hot.status, label).toBe(viaNext.status);
        expect(await hot.text(), label).toBe(await viaNext.text());
        for (const h of ["content-type", "etag", "cache-control", "retry-after"]) expect(hot.headers.get(h), `${label} ${h}`).toBe(viaNext.headers.get(h));
      }
    }
  });

  it("rate limits per key: 429 with Retry-After past the limit, other keys unaffected", async () => {
    const a = await setup();
    const b = await setup();
    setApiKeyLimiter(new RateLimiterMemory({ keyPrefix: uniq("rl"), points: 3, duration: 60 }));
    try {
      for (let i = 0; i < 3; i++) expect((await get(`/prompts/${a.enc}?version=1`, a.read)).status).toBe(200);
      const res = await get(`/prompts/${a.enc}?version=1`, a.read);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await res.json()).error.message).toMatch(/Too many requests with this API key/);
      expect((await post(`/prompts/${a.enc}/render`, a.read, { version: 1, variables: { name: "x" } })).status).toBe(429);
      expect((await get(`/prompts/${b.enc}?version=1`, b.read)).status).toBe(200);
    } finally {
      setApiKeyLimiter(null);
    }
  });

  it("paths it does not own go to Next", async () => {
    const { enc, read } = await setup();
    expect((await get(`/prompts/${enc}/versions`, read)).status).toBe(599);
    expect((await get(`/prompts/${enc}/`, read)).status).toBe(599);
    expect((await fetch(`${base}/prompts/${enc}`, { method: "HEAD", headers: { authorization: `Bearer ${read}` } })).status).toBe(599);
  });
});
