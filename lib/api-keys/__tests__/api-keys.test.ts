import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, memberships } from "@/db/schema";
import { API_KEY_SCOPES, authenticateApiKey, createApiKey, listApiKeys, revokeApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { authorize, can } from "@/lib/context";
import { changeRole, createInvite, listMembers } from "@/lib/members";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import type { WorkspaceCtx } from "@/lib/context";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function keyRow(id: string) {
  const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row!;
}

async function newKey(ctx: WorkspaceCtx, scopes: ApiKeyScope[]) {
  return createApiKey({ ctx, input: { name: `key ${uniq()}`, scopes } });
}

describe(`API keys (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("createApiKey returns pyk_ + 43 characters and stores only its sha256", async () => {
    const { ctx, owner } = await makeWorkspace(database);
    const { key, apiKey } = await newKey(ctx, ["prompts:read", "runs:write", "prompts:read"]);
    expect(key).toMatch(/^pyk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.scopes).toEqual(["prompts:read", "runs:write"]);
    expect(apiKey.prefix).toBe(key.slice(0, 12));

    const row = await keyRow(apiKey.id);
    expect(row.hash).toBe(sha256(key));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const [column, value] of Object.entries(row)) {
      expect(String(value), column).not.toContain(key);
    }
    expect(JSON.stringify(row)).not.toContain(key.slice(12));
    expect(row.workspaceId).toBe(ctx.workspace.id);
    expect(row.createdBy).toBe(owner.id);
    expect(row.lastUsedAt).toBeNull();
  });

  it("two keys are never the same", async () => {
    const { ctx } = await makeWorkspace(database);
    const one = await newKey(ctx, ["admin"]);
    const two = await newKey(ctx, ["admin"]);
    expect(one.key).not.toBe(two.key);
    expect((await keyRow(one.apiKey.id)).hash).not.toBe((await keyRow(two.apiKey.id)).hash);
  });

  it("authenticateApiKey returns a context for the key's workspace with its scopes, and records last use", async () => {
    const { ctx } = await makeWorkspace(database);
    const { key, apiKey } = await newKey(ctx, ["prompts:read", "labels:write"]);
    const keyCtx = await authenticateApiKey({ db: database.db, key });
    expect(keyCtx.workspace).toEqual(ctx.workspace);
    expect(keyCtx.scopes).toEqual(["prompts:read", "labels:write"]);
    expect(keyCtx.actor).toEqual({ kind: "api_key", keyId: apiKey.id, scopes: ["prompts:read", "labels:write"] });
    expect(keyCtx.role).toBeUndefined();

    const used = await keyRow(apiKey.id);
    expect(used.lastUsedAt).toBeInstanceOf(Date);
    // A second use within the resolution window keeps working (and does not need a write).
    await authenticateApiKey({ db: database.db, key });
    expect((await keyRow(apiKey.id)).lastUsedAt?.getTime()).toBe(used.lastUsedAt!.getTime());
  });

  it("revoked, unknown, malformed and missing keys are unauthorized", async () => {
    const { ctx } = await makeWorkspace(database);
    const { key, apiKey } = await newKey(ctx, ["admin"]);
    await authenticateApiKey({ db: database.db, key });

    expect(await revokeApiKey({ ctx, input: { id: apiKey.id } })).toEqual({ id: apiKey.id });
    await expectAppError(authenticateApiKey({ db: database.db, key }), "unauthorized", /revoked/);
    expect((await keyRow(apiKey.id)).revokedAt).toBeInstanceOf(Date);

    // Same shape as a real key, but never issued.
    await expectAppError(authenticateApiKey({ db: database.db, key: `pyk_${"A".repeat(43)}` }), "unauthorized");
    await expectAppError(authenticateApiKey({ db: database.db, key: "pyk_garbage" }), "unauthorized");
    await expectAppError(authenticateApiKey({ db: database.db, key: "sk_live_definitely_not_ours" }), "unauthorized", /pyk_/);
    // The key's own hash is not a key either.
    await expectAppError(authenticateApiKey({ db: database.db, key: sha256(key) }), "unauthorized");
    await expectAppError(authenticateApiKey({ db: database.db, key: `pyk_${"x".repeat(300)}` }), "unauthorized");
    await expectAppError(authenticateApiKey({ db: database.db, key: "" }), "unauthorized");
    await expectAppError(authenticateApiKey({ db: database.db, key: null }), "unauthorized");
    await expectAppError(authenticateApiKey({ db: database.db, key: undefined }), "unauthorized");
  });

  it("a key with only prompts:read cannot manage API keys or members", async () => {
    const { ctx } = await makeWorkspace(database);
    const { key } = await newKey(ctx, ["prompts:read"]);
    const keyCtx = await authenticateApiKey({ db: database.db, key });

    expect(can(keyCtx, "apikeys:manage")).toBe(false);
    expect(can(keyCtx, "apikeys:read")).toBe(false);
    await expectAppError(() => authorize(keyCtx, "apikeys:manage"), "forbidden", /lacks the scope/);
    await expectAppError(newKey(keyCtx, ["admin"]), "forbidden");
    await expectAppError(listApiKeys({ ctx: keyCtx }), "forbidden");
    await expectAppError(listMembers({ ctx: keyCtx }), "forbidden");
    expect(await listApiKeys({ ctx })).toHaveLength(1);
  });

  it("a key with admin can manage API keys", async () => {
    const { ctx } = await makeWorkspace(database);
    const { key } = await newKey(ctx, ["admin"]);
    const keyCtx = await authenticateApiKey({ db: database.db, key });

    expect(can(keyCtx, "apikeys:manage")).toBe(true);
    expect(() => authorize(keyCtx, "apikeys:manage")).not.toThrow();
    const made = await newKey(keyCtx, ["prompts:write"]);
    expect((await keyRow(made.apiKey.id)).createdBy).toBeNull();
    expect((await listApiKeys({ ctx: keyCtx })).map((k) => k.id)).toContain(made.apiKey.id);
    await revokeApiKey({ ctx: keyCtx, input: { id: made.apiKey.id } });
    await expectAppError(authenticateApiKey({ db: database.db, key: made.key }), "unauthorized");
  });

  it("an admin-scoped key cannot make anyone an owner (no escalation above admin)", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const { ctx: adminCtx, user: admin } = await addMember(database, ctx, "admin");
    // An admin may create an admin key...
    const { key } = await newKey(adminCtx, ["admin"]);
    const keyCtx = await authenticateApiKey({ db: database.db, key });

    // ...but that key must not be able to do what the admin cannot: promote to owner or invite owners.
    await expectAppError(changeRole({ ctx: keyCtx, input: { userId: admin.id, role: "owner" } }), "forbidden");
    await expectAppError(createInvite({ ctx: keyCtx, input: { email: `${uniq("own")}@example.test`, role: "owner" } }), "forbidden");
    const [m] = await database.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, admin.id)));
    expect(m?.role).toBe("admin");

    // It may still do admin things.
    const invited = await createInvite({ ctx: keyCtx, input: { email: `${uniq("adm")}@example.test`, role: "admin" } });
    expect(invited.invite.role).toBe("admin");
  });

  it("editors, reviewers and viewers cannot create API keys; admins and owners can", async () => {
    const { ctx } = await makeWorkspace(database);
    for (const role of ["editor", "reviewer", "viewer"] as const) {
      const { ctx: memberCtx } = await addMember(database, ctx, role);
      await expectAppError(newKey(memberCtx, ["prompts:read"]), "forbidden", new RegExp(`\\(${role}\\)`));
      await expectAppError(listApiKeys({ ctx: memberCtx }), "forbidden");
    }
    expect(await listApiKeys({ ctx })).toHaveLength(0);

    const { ctx: adminCtx } = await addMember(database, ctx, "admin");
    const byAdmin = await newKey(adminCtx, ["prompts:read"]);
    const byOwner = await newKey(ctx, ["admin"]);
    expect((await listApiKeys({ ctx })).map((k) => k.id).sort()).toEqual([byAdmin.apiKey.id, byOwner.apiKey.id].sort());
  });

  it("listApiKeys never returns the hash and leaves out revoked keys", async () => {
    const { ctx, owner } = await makeWorkspace(database);
    const kept = await newKey(ctx, [...API_KEY_SCOPES]);
    const gone = await newKey(ctx, ["prompts:read"]);
    await revokeApiKey({ ctx, input: { id: gone.apiKey.id } });

    const list = await listApiKeys({ ctx });
    expect(list.map((k) => k.id)).toEqual([kept.apiKey.id]);
    const [item] = list;
    expect(Object.keys(item!).sort()).toEqual(["createdAt", "createdBy", "id", "lastUsedAt", "name", "prefix", "scopes"]);
    expect(item).not.toHaveProperty("hash");
    expect(JSON.stringify(list)).not.toContain(sha256(kept.key));
    expect(JSON.stringify(list)).not.toContain(kept.key);
    expect(item!.createdBy).toBe(owner.name);
    expect(item!.prefix).toBe(kept.key.slice(0, 12));
  });

  it("rejects an empty scope list and unknown scopes", async () => {
    const { ctx } = await makeWorkspace(database);
    await expect(createApiKey({ ctx, input: { name: "none", scopes: [] } })).rejects.toThrow(/at least one scope/);
    await expect(createApiKey({ ctx, input: { name: "bad", scopes: ["root" as ApiKeyScope] } })).rejects.toThrow(/Scope must be one of/);
    expect(await listApiKeys({ ctx })).toHaveLength(0);
  });
});
