import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { changeRole, leaveWorkspace, listMembers, removeMember } from "@/lib/members";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";

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

async function ownerCount(workspaceId: string) {
  const rows = await database.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")));
  return rows.length;
}

/** A workspace with two owners: the creator and a second member promoted through an owner invite. */
async function twoOwners() {
  const { ctx, owner, ws } = await makeWorkspace(database);
  const second = await addMember(database, ctx, "owner");
  expect(second.ctx.role).toBe("owner");
  return { ws, a: { user: owner, ctx }, b: second };
}

function outcome(results: PromiseSettledResult<unknown>[]) {
  const fulfilled = results.filter((r) => r.status === "fulfilled");
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  return { fulfilled, rejected };
}

describe(`last-owner rule (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("the sole owner cannot demote themselves", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    await expectAppError(changeRole({ ctx, input: { userId: owner.id, role: "admin" } }), "conflict", /at least one owner/);
    expect(await roleOf(ws.id, owner.id)).toBe("owner");
  });

  it("the sole owner cannot leave or remove themselves", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    await expectAppError(() => leaveWorkspace({ ctx }), "conflict", /at least one owner/);
    await expectAppError(removeMember({ ctx, input: { userId: owner.id } }), "conflict");
    expect(await roleOf(ws.id, owner.id)).toBe("owner");
  });

  it("the sole owner cannot be removed or demoted by an admin (forbidden), and stays owner", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const { ctx: admin } = await addMember(database, ctx, "admin");
    await expectAppError(removeMember({ ctx: admin, input: { userId: owner.id } }), "forbidden", /Only an owner/);
    await expectAppError(changeRole({ ctx: admin, input: { userId: owner.id, role: "viewer" } }), "forbidden");
    expect(await roleOf(ws.id, owner.id)).toBe("owner");
  });

  it("with two owners, one can be demoted; then the remaining one is protected again", async () => {
    const { ws, a, b } = await twoOwners();
    const updated = await changeRole({ ctx: a.ctx, input: { userId: b.user.id, role: "admin" } });
    expect(updated.role).toBe("admin");
    expect(await roleOf(ws.id, b.user.id)).toBe("admin");
    expect(await ownerCount(ws.id)).toBe(1);

    await expectAppError(changeRole({ ctx: a.ctx, input: { userId: a.user.id, role: "editor" } }), "conflict");
    expect(await roleOf(ws.id, a.user.id)).toBe("owner");
  });

  it("with two owners, one can leave; the other then cannot", async () => {
    const { ws, a, b } = await twoOwners();
    expect(await leaveWorkspace({ ctx: b.ctx })).toEqual({ userId: b.user.id });
    expect(await roleOf(ws.id, b.user.id)).toBeUndefined();
    await expectAppError(() => leaveWorkspace({ ctx: a.ctx }), "conflict");
    expect(await ownerCount(ws.id)).toBe(1);
  });

  it("an owner can demote themselves while another owner remains", async () => {
    const { ws, a, b } = await twoOwners();
    await changeRole({ ctx: b.ctx, input: { userId: b.user.id, role: "viewer" } });
    expect(await roleOf(ws.id, b.user.id)).toBe("viewer");
    expect(await roleOf(ws.id, a.user.id)).toBe("owner");
  });

  it("CONCURRENT: two owners demoting each other at once -> exactly one succeeds, one owner remains", async () => {
    for (let round = 0; round < 3; round++) {
      const { ws, a, b } = await twoOwners();
      const results = await Promise.allSettled([
        changeRole({ ctx: a.ctx, input: { userId: b.user.id, role: "admin" } }),
        changeRole({ ctx: b.ctx, input: { userId: a.user.id, role: "admin" } }),
      ]);
      const { fulfilled, rejected } = outcome(results);
      expect(fulfilled, `round ${round}`).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(isAppError(rejected[0]!.reason), String(rejected[0]!.reason)).toBe(true);
      expect((rejected[0]!.reason as { code: string }).code).toBe("conflict");
      expect(await ownerCount(ws.id)).toBe(1);
      const roles = [await roleOf(ws.id, a.user.id), await roleOf(ws.id, b.user.id)].sort();
      expect(roles).toEqual(["admin", "owner"]);
    }
  });

  it("CONCURRENT: two owners leaving at once -> exactly one leaves, one owner remains", async () => {
    for (let round = 0; round < 3; round++) {
      const { ws, a, b } = await twoOwners();
      const results = await Promise.allSettled([leaveWorkspace({ ctx: a.ctx }), leaveWorkspace({ ctx: b.ctx })]);
      const { fulfilled, rejected } = outcome(results);
      expect(fulfilled, `round ${round}`).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0]!.reason as { code?: string }).code).toBe("conflict");
      expect(await ownerCount(ws.id)).toBe(1);
    }
  });

  it("an admin cannot change or remove an owner, nor promote anyone to owner", async () => {
    const { ws, a, b } = await twoOwners();
    const { ctx: admin } = await addMember(database, a.ctx, "admin");
    const { user: editor } = await addMember(database, a.ctx, "editor");

    await expectAppError(changeRole({ ctx: admin, input: { userId: b.user.id, role: "admin" } }), "forbidden", /Only an owner/);
    await expectAppError(removeMember({ ctx: admin, input: { userId: b.user.id } }), "forbidden", /Only an owner/);
    await expectAppError(changeRole({ ctx: admin, input: { userId: editor.id, role: "owner" } }), "forbidden", /cannot make someone owner/);
    const adminSelf = (admin.actor as { userId: string }).userId;
    await expectAppError(changeRole({ ctx: admin, input: { userId: adminSelf, role: "owner" } }), "forbidden");

    expect(await roleOf(ws.id, b.user.id)).toBe("owner");
    expect(await roleOf(ws.id, editor.id)).toBe("editor");
    expect(await roleOf(ws.id, adminSelf)).toBe("admin");
    expect(await ownerCount(ws.id)).toBe(2);

    // Positive control: the admin may manage non-owners.
    await changeRole({ ctx: admin, input: { userId: editor.id, role: "reviewer" } });
    expect(await roleOf(ws.id, editor.id)).toBe("reviewer");
    await removeMember({ ctx: admin, input: { userId: editor.id } });
    expect(await roleOf(ws.id, editor.id)).toBeUndefined();
  });

  it("members below admin cannot change roles or remove others, but may leave", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const { ctx: editor, user: editorUser } = await addMember(database, ctx, "editor");
    const { user: viewer } = await addMember(database, ctx, "viewer");
    await expectAppError(changeRole({ ctx: editor, input: { userId: viewer.id, role: "reviewer" } }), "forbidden");
    await expectAppError(removeMember({ ctx: editor, input: { userId: viewer.id } }), "forbidden");
    expect(await roleOf(ws.id, viewer.id)).toBe("viewer");

    await leaveWorkspace({ ctx: editor });
    expect(await roleOf(ws.id, editorUser.id)).toBeUndefined();
    expect((await listMembers({ ctx })).map((m) => m.userId)).not.toContain(editorUser.id);
  });
});
