import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, memberships, users, workspaces } from "@/db/schema";
import { generateApiKey } from "@/lib/api-keys";
import { verifyAuditChain } from "@/lib/audit";
import { DEMO_WORKSPACE, ensureDemo, runHeadlessInit } from "@/lib/bootstrap";
import type { WorkspaceCtx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function workspaceBySlug(slug: string) {
  const [ws] = await database.db.select().from(workspaces).where(eq(workspaces.slug, slug));
  return ws!;
}

async function eventsOf(workspaceId: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId)).orderBy(asc(auditEvents.seq));
}

const systemCtx = (ws: { id: string; slug: string; name: string }): WorkspaceCtx => ({
  db: database.db,
  actor: { kind: "system" },
  workspace: { id: ws.id, slug: ws.slug, name: ws.name },
});

describe(`audit events of start-up (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("headless init logs what it creates as the system, once; a restored owner role is logged too", async () => {
    const vars = {
      PROMPTYARD_INIT_USER_EMAIL: `${uniq("init")}@example.test`,
      PROMPTYARD_INIT_USER_PASSWORD: "headless-init-password",
      PROMPTYARD_INIT_WORKSPACE: uniq("ci"),
      PROMPTYARD_INIT_API_KEY: generateApiKey(),
    };
    await runHeadlessInit(database.db, getEnv(vars));
    const ws = await workspaceBySlug(vars.PROMPTYARD_INIT_WORKSPACE);
    const [user] = await database.db.select().from(users).where(eq(users.email, vars.PROMPTYARD_INIT_USER_EMAIL));
    const events = await eventsOf(ws.id);
    expect(events.map((e) => [e.seq, e.action, e.actorType, e.actorId])).toEqual([
      [1, "workspace.create", "system", null],
      [2, "member.add", "system", null],
      [3, "api_key.create", "system", null],
    ]);
    expect(events[1]!.data).toEqual({ email: user!.email, role: "owner", via: "headless_init" });
    expect(events[2]!.data).toMatchObject({ name: "Headless init key", prefix: vars.PROMPTYARD_INIT_API_KEY.slice(0, 12), via: "headless_init" });
    expect(JSON.stringify(events)).not.toContain(vars.PROMPTYARD_INIT_API_KEY);

    await runHeadlessInit(database.db, getEnv(vars));
    expect(await eventsOf(ws.id)).toHaveLength(3);

    await database.db.update(memberships).set({ role: "viewer" }).where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, user!.id)));
    await runHeadlessInit(database.db, getEnv(vars));
    const after = await eventsOf(ws.id);
    expect(after).toHaveLength(4);
    expect(after[3]).toMatchObject({ action: "member.role_change", actorType: "system", targetId: user!.id, data: { from: "viewer", to: "owner", via: "headless_init" } });
    expect(await verifyAuditChain(systemCtx(ws))).toEqual({ ok: true, events: 4 });
  });

  it("the demo logs its workspace and members once, and its chain verifies", async () => {
    await ensureDemo(database.db);
    const ws = await workspaceBySlug(DEMO_WORKSPACE.slug);
    const first = await eventsOf(ws.id);
    await ensureDemo(database.db);
    const second = await eventsOf(ws.id);
    // On a fresh database the demo's creation is logged; a second start adds nothing.
    expect(second.map((e) => e.id)).toEqual(first.map((e) => e.id));
    if (first.some((e) => e.action === "workspace.create")) {
      expect(first.filter((e) => e.action === "member.add" && e.actorType === "system")).toHaveLength(4);
    }
    expect((await verifyAuditChain(systemCtx(ws))).ok).toBe(true);
  });
});
