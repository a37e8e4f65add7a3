import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, memberships } from "@/db/schema";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys";
import { acceptInvite, changeRole, createInvite, listMembers, removeMember } from "@/lib/members";
import { listWorkspacesForUser, loadWorkspaceForUser, renameWorkspace } from "@/lib/workspaces";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace, userCtx } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function roleOf(workspaceId: string, userId: string) {
  const [m] = await database.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m?.role;
}

/** Two unrelated workspaces, each with an owner, an admin and an editor. */
async function twoWorkspaces() {
  const make = async () => {
    const w = await makeWorkspace(database);
    const admin = await addMember(database, w.ctx, "admin");
    const editor = await addMember(database, w.ctx, "editor");
    return { ...w, admin, editor };
  };
  return { A: await make(), B: await make() };
}

describe(`tenancy (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("a member of A loading workspace B gets not_found (never forbidden), same as a slug that does not exist", async () => {
    const { A, B } = await twoWorkspaces();
    for (const userId of [A.owner.id, A.admin.user.id, A.editor.user.id]) {
      await expectAppError(loadWorkspaceForUser(database.db, userId, B.ws.slug), "not_found", /^Workspace not found\.$/);
      await expectAppError(loadWorkspaceForUser(database.db, userId, B.ws.slug.toUpperCase()), "not_found", /^Workspace not found\.$/);
    }
    await expectAppError(loadWorkspaceForUser(database.db, A.owner.id, uniq("missing")), "not_found", /^Workspace not found\.$/);
    // Positive control: their own workspace loads (slug is case-insensitive).
    const own = await loadWorkspaceForUser(database.db, A.owner.id, A.ws.slug.toUpperCase());
    expect(own.workspace.id).toBe(A.ws.id);
    expect(own.role).toBe("owner");
    expect((await listWorkspacesForUser({ ctx: userCtx(database, A.owner.id) })).map((w) => w.id)).toEqual([A.ws.id]);
  });

  it("A's admin cannot revoke B's API key (not_found); the key keeps working", async () => {
    const { A, B } = await twoWorkspaces();
    const bKey = await createApiKey({ ctx: B.ctx, input: { name: "B prod", scopes: ["prompts:read"] } });
    const aKey = await createApiKey({ ctx: A.ctx, input: { name: "A prod", scopes: ["admin"] } });

    await expectAppError(revokeApiKey({ ctx: A.admin.ctx, input: { id: bKey.apiKey.id } }), "not_found", /API key not found/);
    // Nor with A's admin-scoped API key.
    const aKeyCtx = await authenticateApiKey({ db: database.db, key: aKey.key });
    expect(aKeyCtx.workspace.id).toBe(A.ws.id);
    await expectAppError(revokeApiKey({ ctx: aKeyCtx, input: { id: bKey.apiKey.id } }), "not_found");

    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, bKey.apiKey.id));
    expect(row!.revokedAt).toBeNull();
    expect((await authenticateApiKey({ db: database.db, key: bKey.key })).workspace.id).toBe(B.ws.id);

    expect((await listApiKeys({ ctx: A.admin.ctx })).map((k) => k.id)).toEqual([aKey.apiKey.id]);
    expect((await listApiKeys({ ctx: aKeyCtx })).map((k) => k.id)).not.toContain(bKey.apiKey.id);
  });

  it("changeRole / removeMember on a member of B (not of A) are not_found from A and change nothing in B", async () => {
    const { A, B } = await twoWorkspaces();
    const target = B.editor.user.id;
    await expectAppError(changeRole({ ctx: A.ctx, input: { userId: target, role: "viewer" } }), "not_found", /Member not found/);
    await expectAppError(changeRole({ ctx: A.admin.ctx, input: { userId: target, role: "viewer" } }), "not_found");
    await expectAppError(removeMember({ ctx: A.ctx, input: { userId: target } }), "not_found", /Member not found/);
    await expectAppError(removeMember({ ctx: A.admin.ctx, input: { userId: B.owner.id } }), "not_found");
    expect(await roleOf(B.ws.id, target)).toBe("editor");
    expect(await roleOf(B.ws.id, B.owner.id)).toBe("owner");
    expect(await roleOf(A.ws.id, target)).toBeUndefined();
  });

  it("listMembers of A never includes B's members", async () => {
    const { A, B } = await twoWorkspaces();
    const aIds = [A.owner.id, A.admin.user.id, A.editor.user.id].sort();
    const bIds = [B.owner.id, B.admin.user.id, B.editor.user.id];

    for (const ctx of [A.ctx, A.admin.ctx]) {
      const listed = await listMembers({ ctx });
      expect(listed.map((m) => m.userId).sort()).toEqual(aIds);
      for (const id of bIds) expect(listed.map((m) => m.userId)).not.toContain(id);
    }
  });

  it("a member of both workspaces sees each with its own role, and acting in A never touches B", async () => {
    const { A, B } = await twoWorkspaces();
    // B's editor is also invited into A as a viewer.
    const { token } = await createInvite({ ctx: A.ctx, input: { email: B.editor.user.email, role: "viewer" } });
    await acceptInvite({ ctx: userCtx(database, B.editor.user.id), input: { token } });
    const userId = B.editor.user.id;
    expect((await loadWorkspaceForUser(database.db, userId, A.ws.slug)).role).toBe("viewer");
    expect((await loadWorkspaceForUser(database.db, userId, B.ws.slug)).role).toBe("editor");

    await removeMember({ ctx: A.admin.ctx, input: { userId } });
    expect(await roleOf(A.ws.id, userId)).toBeUndefined();
    expect(await roleOf(B.ws.id, userId)).toBe("editor");

    await renameWorkspace({ ctx: A.ctx, input: { name: "Renamed A" } });
    expect((await loadWorkspaceForUser(database.db, B.owner.id, B.ws.slug)).workspace.name).toBe(B.ws.name);
  });
});
