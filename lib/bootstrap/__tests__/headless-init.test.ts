import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, memberships, users, workspaces } from "@/db/schema";
import { API_KEY_SCOPES, authenticateApiKey, generateApiKey, hashApiKey } from "@/lib/api-keys";
import { verifyCredentials } from "@/lib/auth";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, ensureDemo, runHeadlessInit } from "@/lib/bootstrap";
import { can } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const INIT_PASSWORD = "headless-init-password";

function initEnv(over: Record<string, string | undefined> = {}) {
  const vars = {
    PROMPTYARD_INIT_USER_EMAIL: `${uniq("init")}@example.test`,
    PROMPTYARD_INIT_USER_PASSWORD: INIT_PASSWORD,
    PROMPTYARD_INIT_WORKSPACE: uniq("ci"),
    PROMPTYARD_INIT_API_KEY: generateApiKey(),
    ...over,
  };
  return { vars, env: getEnv(vars) };
}

async function userByEmail(email: string) {
  const rows = await database.db.select().from(users).where(eq(users.email, email));
  return rows;
}

async function workspaceBySlug(slug: string) {
  return database.db.select().from(workspaces).where(eq(workspaces.slug, slug));
}

describe(`runHeadlessInit (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("creates the owner, workspace and key once; a second run creates nothing new", async () => {
    const { vars, env } = initEnv();
    const email = vars.PROMPTYARD_INIT_USER_EMAIL;
    const slug = vars.PROMPTYARD_INIT_WORKSPACE;
    const key = vars.PROMPTYARD_INIT_API_KEY;

    const first = await runHeadlessInit(database.db, env);
    expect(first).toEqual({ ran: true, userCreated: true, workspace: slug, apiKeyCreated: true });
    const [user] = await userByEmail(email);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);

    const second = await runHeadlessInit(database.db, env);
    expect(second).toEqual({ ran: true, userCreated: false, workspace: slug, apiKeyCreated: false });

    const usersAfter = await userByEmail(email);
    expect(usersAfter.map((u) => u.id)).toEqual([user!.id]);
    const wss = await workspaceBySlug(slug);
    expect(wss).toHaveLength(1);
    const ws = wss[0]!;
    const members = await database.db.select().from(memberships).where(eq(memberships.workspaceId, ws.id));
    expect(members.map((m) => ({ userId: m.userId, role: m.role }))).toEqual([{ userId: user!.id, role: "owner" }]);
    const keys = await database.db.select().from(apiKeys).where(eq(apiKeys.hash, hashApiKey(key)));
    expect(keys).toHaveLength(1);
    expect(keys[0]!.workspaceId).toBe(ws.id);
    expect(keys[0]!.createdBy).toBe(user!.id);
    expect(await database.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, ws.id))).toHaveLength(1);

    expect((await loadWorkspaceForUser(database.db, user!.id, slug)).role).toBe("owner");
    const signedIn = await verifyCredentials({ ctx: database, input: { email, password: INIT_PASSWORD }, ip: `init-${uniq()}` });
    expect(signedIn?.id).toBe(user!.id);
  });

  it("a later start makes the init user owner again if they were demoted", async () => {
    const { vars, env } = initEnv();
    await runHeadlessInit(database.db, env);
    const [user] = await userByEmail(vars.PROMPTYARD_INIT_USER_EMAIL);
    const [ws] = await workspaceBySlug(vars.PROMPTYARD_INIT_WORKSPACE);
    await database.db
      .update(memberships)
      .set({ role: "viewer" })
      .where(and(eq(memberships.workspaceId, ws!.id), eq(memberships.userId, user!.id)));
    await runHeadlessInit(database.db, env);
    expect((await loadWorkspaceForUser(database.db, user!.id, vars.PROMPTYARD_INIT_WORKSPACE)).role).toBe("owner");
  });

  it("the init API key authenticates for that workspace with every scope", async () => {
    const { vars, env } = initEnv();
    await runHeadlessInit(database.db, env);
    const keyCtx = await authenticateApiKey({ db: database.db, key: vars.PROMPTYARD_INIT_API_KEY });
    expect(keyCtx.workspace.slug).toBe(vars.PROMPTYARD_INIT_WORKSPACE);
    expect([...keyCtx.scopes].sort()).toEqual([...API_KEY_SCOPES].sort());
    expect(can(keyCtx, "apikeys:manage")).toBe(true);
  });

  it("a changed password in the env takes effect at the next run", async () => {
    const { vars, env } = initEnv();
    await runHeadlessInit(database.db, env);
    const changed = getEnv({ ...vars, PROMPTYARD_INIT_USER_PASSWORD: "a-brand-new-password" });
    expect((await runHeadlessInit(database.db, changed)).userCreated).toBe(false);
    const ip = `init-${uniq()}`;
    const email = vars.PROMPTYARD_INIT_USER_EMAIL;
    expect(await verifyCredentials({ ctx: database, input: { email, password: "a-brand-new-password" }, ip })).not.toBeNull();
    expect(await verifyCredentials({ ctx: database, input: { email, password: INIT_PASSWORD }, ip })).toBeNull();
  });

  it("works without an API key", async () => {
    const { vars, env } = initEnv({ PROMPTYARD_INIT_API_KEY: undefined });
    const res = await runHeadlessInit(database.db, env);
    expect(res).toEqual({ ran: true, userCreated: true, workspace: vars.PROMPTYARD_INIT_WORKSPACE, apiKeyCreated: undefined });
    const [ws] = await workspaceBySlug(vars.PROMPTYARD_INIT_WORKSPACE);
    expect(await database.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, ws!.id))).toHaveLength(0);
  });

  it("does nothing when no PROMPTYARD_INIT_* variable is set", async () => {
    expect(await runHeadlessInit(database.db, getEnv({}))).toEqual({ ran: false });
  });

  it("an email without a password throws a clear error and creates nothing", async () => {
    const { vars, env } = initEnv({ PROMPTYARD_INIT_USER_PASSWORD: undefined });
    await expect(runHeadlessInit(database.db, env)).rejects.toThrow(
      /PROMPTYARD_INIT_USER_EMAIL, PROMPTYARD_INIT_USER_PASSWORD and PROMPTYARD_INIT_WORKSPACE together/,
    );
    expect(await userByEmail(vars.PROMPTYARD_INIT_USER_EMAIL)).toHaveLength(0);
    expect(await workspaceBySlug(vars.PROMPTYARD_INIT_WORKSPACE)).toHaveLength(0);
  });

  it("a partial env (only a workspace, or only a key) is an error", async () => {
    const onlyWorkspace = getEnv({ PROMPTYARD_INIT_WORKSPACE: uniq("ci") });
    await expect(runHeadlessInit(database.db, onlyWorkspace)).rejects.toThrow(/PROMPTYARD_INIT_USER_EMAIL/);
    expect(await workspaceBySlug(onlyWorkspace.PROMPTYARD_INIT_WORKSPACE!)).toHaveLength(0);

    const key = generateApiKey();
    await expect(runHeadlessInit(database.db, getEnv({ PROMPTYARD_INIT_API_KEY: key }))).rejects.toThrow(/together/);
    expect(await database.db.select().from(apiKeys).where(eq(apiKeys.hash, hashApiKey(key)))).toHaveLength(0);

    const noWorkspace = initEnv({ PROMPTYARD_INIT_WORKSPACE: undefined });
    await expect(runHeadlessInit(database.db, noWorkspace.env)).rejects.toThrow(/PROMPTYARD_INIT_WORKSPACE/);
    expect(await userByEmail(noWorkspace.vars.PROMPTYARD_INIT_USER_EMAIL)).toHaveLength(0);
  });

  it("rejects a short password and a bad workspace slug by variable name; a malformed key fails env parsing", async () => {
    const short = initEnv({ PROMPTYARD_INIT_USER_PASSWORD: "short" });
    await expect(runHeadlessInit(database.db, short.env)).rejects.toThrow(/PROMPTYARD_INIT_USER_PASSWORD: Password must be at least 10 characters/);
    expect(await userByEmail(short.vars.PROMPTYARD_INIT_USER_EMAIL)).toHaveLength(0);

    const badSlug = initEnv({ PROMPTYARD_INIT_WORKSPACE: "-Not A Slug-" });
    await expect(runHeadlessInit(database.db, badSlug.env)).rejects.toThrow(/PROMPTYARD_INIT_WORKSPACE: Workspace URL/);
    expect(await userByEmail(badSlug.vars.PROMPTYARD_INIT_USER_EMAIL)).toHaveLength(0);

    expect(() => initEnv({ PROMPTYARD_INIT_API_KEY: "sk_not_ours" })).toThrow(/PROMPTYARD_INIT_API_KEY/);
  });

  it("an init key that already belongs to another workspace is refused", async () => {
    const first = initEnv();
    await runHeadlessInit(database.db, first.env);
    const second = initEnv({ PROMPTYARD_INIT_API_KEY: first.vars.PROMPTYARD_INIT_API_KEY });
    await expect(runHeadlessInit(database.db, second.env)).rejects.toThrow(/already belongs to another workspace/);
    // The whole run is one transaction: nothing of the second run is left behind.
    expect(await userByEmail(second.vars.PROMPTYARD_INIT_USER_EMAIL)).toHaveLength(0);
    expect(await workspaceBySlug(second.vars.PROMPTYARD_INIT_WORKSPACE)).toHaveLength(0);
  });
});

describe(`ensureDemo (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  async function demoState() {
    const emails = DEMO_USERS.map((u) => u.email);
    const demoUsers = await database.db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
    const demoWorkspaces = await database.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
    const wsId = demoWorkspaces[0]?.id;
    const members = wsId
      ? await database.db
          .select({ userId: memberships.userId, role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.workspaceId, wsId), inArray(memberships.userId, demoUsers.length ? demoUsers.map((u) => u.id) : [wsId])))
      : [];
    return { demoUsers, demoWorkspaces, members };
  }

  it("creates one demo workspace with one user per role, and a second call changes nothing", async () => {
    const result = await ensureDemo(database.db);
    expect(result.workspace).toBe(DEMO_WORKSPACE.slug);
    const before = await demoState();
    expect(before.demoUsers).toHaveLength(4);
    expect(before.demoWorkspaces).toHaveLength(1);
    const roleByEmail = new Map(DEMO_USERS.map((u) => [u.email, u.role]));
    const emailById = new Map(before.demoUsers.map((u) => [u.id, u.email]));
    expect(before.members).toHaveLength(4);
    for (const m of before.members) expect(m.role).toBe(roleByEmail.get(emailById.get(m.userId)!));

    await ensureDemo(database.db);
    const after = await demoState();
    expect(after.demoUsers.map((u) => u.id).sort()).toEqual(before.demoUsers.map((u) => u.id).sort());
    expect(after.demoWorkspaces).toEqual(before.demoWorkspaces);
    expect(after.members.sort((x, y) => x.userId.localeCompare(y.userId))).toEqual(before.members.sort((x, y) => x.userId.localeCompare(y.userId)));
    expect(after.demoWorkspaces).toHaveLength(1);

    const owner = DEMO_USERS.find((u) => u.role === "owner")!;
    const signedIn = await verifyCredentials({ ctx: database, input: { email: owner.email, password: DEMO_PASSWORD }, ip: `demo-${uniq()}` });
    expect(signedIn?.email).toBe(owner.email);
  });
});
