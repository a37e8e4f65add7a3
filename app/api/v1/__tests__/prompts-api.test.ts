import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import * as promptsRoute from "../prompts/route";
import * as promptRoute from "../prompts/[slug]/route";
import * as versionsRoute from "../prompts/[slug]/versions/route";
import * as labelRoute from "../prompts/[slug]/labels/[label]/route";
import * as historyRoute from "../prompts/[slug]/labels/[label]/history/route";
import * as renderRoute from "../prompts/[slug]/render/route";
import { apiRequest, routeParams } from "@/lib/test/api";

// The real route handlers, called with real Requests against the test database.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(() => database?.close());

const req = apiRequest;
const p = routeParams;

async function workspaceWithKeys() {
  const w = await makeWorkspace(database);
  const key = async (scopes: ApiKeyScope[]) => (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes } })).key;
  return { ...w, write: await key(["prompts:read", "prompts:write", "labels:write"]), read: await key(["prompts:read"]), admin: await key(["admin"]) };
}

describe(`prompt management REST (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("create -> commit -> list -> move labels (policy enforced) -> history -> serve with ETag -> render", async () => {
    const { write, read, admin } = await workspaceWithKeys();
    const slug = `support/${uniq("reply")}`;
    const enc = encodeURIComponent(slug);

    let res = await promptsRoute.POST(req("POST", "/prompts", write, { slug, type: "text", content: "Hi {{name}}", message: "first" }));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ slug, type: "text", latestVersion: 1, version: { version: 1, semver: "1.0.0", variables: ["name"] } });

    res = await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, write, { content: "Hello {{name}}", message: "second" }), p({ slug: enc }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: 2, semver: "1.1.0", bump: "minor" });

    res = await versionsRoute.GET(req("GET", `/prompts/${enc}/versions`, read), p({ slug: enc }));
    expect((await res.json()).versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    // labels:write acts as an editor: staging yes, production no (admin by default).
    res = await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/staging`, write, { version: 2, reason: "try" }), p({ slug: enc, label: "staging" }));
    expect(res.status).toBe(200);
    res = await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, write, { version: 2, reason: "ship" }), p({ slug: enc, label: "production" }));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("production") });
    res = await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, admin, { version: 2, reason: "ship" }), p({ slug: enc, label: "production" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ label: "production", version: 2, previousVersion: null, changed: true });
    res = await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, read, { version: 1, reason: "nope" }), p({ slug: enc, label: "production" }));
    expect(res.status).toBe(403);

    res = await historyRoute.GET(req("GET", `/prompts/${enc}/labels/production/history`, read), p({ slug: enc, label: "production" }));
    const history = (await res.json()).events;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ label: "production", from: null, to: 2, reason: "ship", kind: "promote" });

    res = await promptRoute.GET(req("GET", `/prompts/${enc}`, read), p({ slug: enc }));
    expect(res.status).toBe(200);
    const served = await res.json();
    expect(served).toMatchObject({ slug, version: 2, semver: "1.1.0", labels: ["latest", "production", "staging"], content: "Hello {{name}}", variables: ["name"] });
    const etag = res.headers.get("etag")!;
    res = await promptRoute.GET(req("GET", `/prompts/${enc}`, read, undefined, { "if-none-match": etag }), p({ slug: enc }));
    expect(res.status).toBe(304);

    res = await renderRoute.POST(req("POST", `/prompts/${enc}/render`, read, { label: "production", variables: { name: "Ada" } }), p({ slug: enc }));
    expect(await res.json()).toMatchObject({ content: "Hello Ada", version: 2, components: [] });
    res = await renderRoute.POST(req("POST", `/prompts/${enc}/render`, read, { variables: {} }), p({ slug: enc }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("Missing variable: name");
  });

  it("answers in the one error shape: 400 naming the field, 401, 403 scope, 404 across workspaces, 409, 413", async () => {
    const a = await workspaceWithKeys();
    const b = await workspaceWithKeys();
    const slug = uniq("p");
    await promptsRoute.POST(req("POST", "/prompts", a.write, { slug, type: "text", content: "x", message: "m" }));

    let res = await promptsRoute.POST(req("POST", "/prompts", a.write, { slug: uniq("q"), type: "text", content: "x" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "invalid_input", message: expect.stringContaining("message") });
    res = await promptsRoute.POST(req("POST", "/prompts", a.write, "{not json"));
    expect(res.status).toBe(400);
    res = await promptsRoute.POST(req("POST", "/prompts", "pyk_" + "x".repeat(43), { slug, type: "text", content: "x", message: "m" }));
    expect(res.status).toBe(401);
    res = await promptsRoute.POST(req("POST", "/prompts", a.read, { slug: uniq("r"), type: "text", content: "x", message: "m" }));
    expect(res.status).toBe(403);
    res = await promptsRoute.POST(req("POST", "/prompts", a.write, { slug, type: "text", content: "x", message: "m" }));
    expect(res.status).toBe(409);
    res = await promptRoute.GET(req("GET", `/prompts/${slug}?label=latest`, b.read), p({ slug }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
    res = await promptRoute.GET(req("GET", `/prompts/${slug}`, a.read), p({ slug }));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/production.*points at no version/);
    res = await promptRoute.GET(req("GET", `/prompts/${slug}?at=yesterday`, a.read), p({ slug }));
    expect(res.status).toBe(400);
    res = await versionsRoute.POST(req("POST", `/prompts/${slug}/versions`, a.write, { content: "y".repeat(1024 * 1024 + 10), message: "big" }), p({ slug }));
    expect(res.status).toBe(413);
  });
});
