import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { setDatabase, type Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { addMember, makeUser, makeWorkspace } from "@/lib/test/factories";

// The route handlers read the session through lib/auth/session; here it is whoever the test says is signed in.
const session = vi.hoisted(() => ({ user: null as { id: string; email: string; name: string } | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const { GET: verifyRoute } = await import("@/app/api/v1/audit/verify/route");
const { GET: exportRoute } = await import("@/app/api/workspaces/[slug]/audit/export/route");

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database); // what the handlers' getDb() returns
});
afterAll(() => database?.close());

const verify = (key?: string) =>
  verifyRoute(new Request("http://localhost/api/v1/audit/verify", { headers: key ? { authorization: `Bearer ${key}` } : {} }));
const exportFor = (slug: string) =>
  exportRoute(new Request(`http://localhost/api/workspaces/${slug}/audit/export`), { params: Promise.resolve({ slug }) });

describe(`audit routes (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("GET /api/v1/audit/verify: 200 with {ok, events} for an admin key, 403 without the admin scope, 401 without a key", async () => {
    const { ctx } = await makeWorkspace(database);
    const { key: adminKey } = await createApiKey({ ctx, input: { name: "admin", scopes: ["admin"] } });
    const { key: readKey } = await createApiKey({ ctx, input: { name: "read", scopes: ["prompts:read", "prompts:write", "labels:write"] } });

    const ok = await verify(adminKey);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, events: 3 });

    const denied = await verify(readKey);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe("forbidden");

    expect((await verify()).status).toBe(401);
  });

  it("GET /api/v1/audit/verify reports a broken chain with the first broken event id", async () => {
    const { ctx } = await makeWorkspace(database);
    const { key } = await createApiKey({ ctx, input: { name: "admin", scopes: ["admin"] } });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ctx.workspace.id));
    const first = events.find((e) => e.seq === 1)!;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      await tx.update(auditEvents).set({ actorLabel: "forged" }).where(eq(auditEvents.id, first.id));
      await tx.execute(sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    });
    const res = await verify(key);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, events: 0, firstBrokenEventId: first.id, reason: "event 1 was modified" });
  });

  it("GET /api/workspaces/[slug]/audit/export streams JSONL to admins; 401 signed out, 404 non-members, 403 below admin", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const { user: editor } = await addMember(database, ctx, "editor");
    const stranger = await makeUser(database, "Stranger");

    session.user = null;
    expect((await exportFor(ws.slug)).status).toBe(401);
    session.user = stranger;
    const notFound = await exportFor(ws.slug);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: "not_found", message: "Workspace not found." } });
    session.user = editor;
    expect((await exportFor(ws.slug)).status).toBe(403);

    session.user = owner;
    const res = await exportFor(ws.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    const date = new Date().toISOString().slice(0, 10);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="audit-${ws.slug}-${date}.jsonl"`);
    const text = await res.text();
    const lines = text.trim().split("\n").map((l) => JSON.parse(l) as { seq: number; action: string; hash: string; prevHash: string });
    expect(lines.map((l) => [l.seq, l.action])).toEqual([
      [1, "workspace.create"],
      [2, "member.invite"],
      [3, "member.join"],
    ]);
    expect(text.endsWith("\n")).toBe(true);
    expect(lines[1]!.prevHash).toBe(lines[0]!.hash);
  });
});
