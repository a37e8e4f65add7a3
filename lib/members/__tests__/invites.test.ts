import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invites, memberships } from "@/db/schema";
import { acceptInvite, createInvite, describeInvite, listPendingInvites, revokeInvite } from "@/lib/members";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeUser, makeWorkspace, userCtx } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function membership(workspaceId: string, userId: string) {
  const [m] = await database.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m;
}

describe(`invites (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("createInvite returns a token that is stored only as its sha256", async () => {
    const { ctx } = await makeWorkspace(database);
    const address = `${uniq("inv")}@example.test`;
    const { token, invite, path } = await createInvite({ ctx, input: { email: address.toUpperCase(), role: "editor" } });
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(path).toBe(`/invite/${token}`);
    expect(invite.email).toBe(address);
    expect(invite.role).toBe("editor");

    const [row] = await database.db.select().from(invites).where(eq(invites.id, invite.id));
    expect(row).toBeDefined();
    expect(row!.tokenHash).not.toBe(token);
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.workspaceId).toBe(ctx.workspace.id);
    expect(row!.acceptedAt).toBeNull();
  });

  it("accepting creates the membership with the invite role; the token cannot be used twice", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const user = await makeUser(database, "Invitee");
    const { token } = await createInvite({ ctx, input: { email: user.email, role: "reviewer" } });
    expect((await describeInvite({ ctx: database, token })).status).toBe("pending");

    const joined = await acceptInvite({ ctx: userCtx(database, user.id), input: { token } });
    expect(joined.slug).toBe(ws.slug);
    expect((await membership(ws.id, user.id))?.role).toBe("reviewer");
    expect((await loadWorkspaceForUser(database.db, user.id, ws.slug)).role).toBe("reviewer");

    const described = await describeInvite({ ctx: database, token });
    expect(described.status).toBe("accepted");
    expect(described.workspaceSlug).toBe(ws.slug);

    await expectAppError(acceptInvite({ ctx: userCtx(database, user.id), input: { token } }), "conflict", /already been used/);
    // An accepted invite is no longer pending.
    expect((await listPendingInvites({ ctx })).map((i) => i.email)).not.toContain(user.email);
  });

  it("an expired invite cannot be accepted (conflict, expired) and is described as expired", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const user = await makeUser(database, "Late");
    const { token, invite } = await createInvite({ ctx, input: { email: user.email, role: "editor" } });
    await database.db.update(invites).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invites.id, invite.id));

    expect((await describeInvite({ ctx: database, token })).status).toBe("expired");
    await expectAppError(acceptInvite({ ctx: userCtx(database, user.id), input: { token } }), "conflict", /expired/);
    expect(await membership(ws.id, user.id)).toBeUndefined();
    expect((await listPendingInvites({ ctx })).map((i) => i.id)).not.toContain(invite.id);
  });

  it("a revoked invite is not found (accept and describe)", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const user = await makeUser(database, "Revoked");
    const { token, invite } = await createInvite({ ctx, input: { email: user.email, role: "editor" } });
    expect((await listPendingInvites({ ctx })).map((i) => i.id)).toContain(invite.id);

    expect(await revokeInvite({ ctx, input: { inviteId: invite.id } })).toEqual({ id: invite.id });
    await expectAppError(acceptInvite({ ctx: userCtx(database, user.id), input: { token } }), "not_found");
    await expectAppError(describeInvite({ ctx: database, token }), "not_found");
    expect(await membership(ws.id, user.id)).toBeUndefined();
    expect((await listPendingInvites({ ctx })).map((i) => i.id)).not.toContain(invite.id);
    // Revoking twice: nothing left to revoke.
    await expectAppError(revokeInvite({ ctx, input: { inviteId: invite.id } }), "not_found");
  });

  it("an unknown token is not found", async () => {
    const user = await makeUser(database, "Guess");
    await expectAppError(acceptInvite({ ctx: userCtx(database, user.id), input: { token: uniq("nope") } }), "not_found");
    await expectAppError(describeInvite({ ctx: database, token: uniq("nope") }), "not_found");
  });

  it("an invite for another email is forbidden and stays usable by its addressee", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const invitee = await makeUser(database, "Right");
    const stranger = await makeUser(database, "Wrong");
    const { token } = await createInvite({ ctx, input: { email: invitee.email, role: "viewer" } });

    await expectAppError(acceptInvite({ ctx: userCtx(database, stranger.id), input: { token } }), "forbidden", new RegExp(invitee.email));
    expect(await membership(ws.id, stranger.id)).toBeUndefined();

    await acceptInvite({ ctx: userCtx(database, invitee.id), input: { token } });
    expect((await membership(ws.id, invitee.id))?.role).toBe("viewer");
  });

  it("another workspace's admin cannot revoke or list this workspace's invites", async () => {
    const a = await makeWorkspace(database);
    const b = await makeWorkspace(database);
    const { ctx: bAdmin } = await addMember(database, b.ctx, "admin");
    const address = `${uniq("cross")}@example.test`;
    const { invite, token } = await createInvite({ ctx: a.ctx, input: { email: address, role: "editor" } });

    await expectAppError(revokeInvite({ ctx: bAdmin, input: { inviteId: invite.id } }), "not_found");
    expect((await listPendingInvites({ ctx: bAdmin })).map((i) => i.id)).not.toContain(invite.id);
    expect((await listPendingInvites({ ctx: b.ctx })).map((i) => i.email)).not.toContain(address);

    // Still pending in A.
    expect((await describeInvite({ ctx: database, token })).status).toBe("pending");
    expect((await listPendingInvites({ ctx: a.ctx })).map((i) => i.id)).toContain(invite.id);
  });

  it("nobody invites above their own role; viewers cannot invite at all", async () => {
    const { ctx } = await makeWorkspace(database);
    const { ctx: admin } = await addMember(database, ctx, "admin");
    const { ctx: editor } = await addMember(database, ctx, "editor");
    const { ctx: viewer } = await addMember(database, ctx, "viewer");
    const target = () => `${uniq("up")}@example.test`;

    await expectAppError(createInvite({ ctx: admin, input: { email: target(), role: "owner" } }), "forbidden", /cannot invite someone as owner/);
    await expectAppError(createInvite({ ctx: viewer, input: { email: target(), role: "viewer" } }), "forbidden");
    await expectAppError(createInvite({ ctx: editor, input: { email: target(), role: "viewer" } }), "forbidden");

    // Positive controls: an admin may invite an admin, an owner may invite an owner.
    const asAdmin = await createInvite({ ctx: admin, input: { email: target(), role: "admin" } });
    expect(asAdmin.invite.role).toBe("admin");
    const asOwner = await createInvite({ ctx, input: { email: target(), role: "owner" } });
    expect(asOwner.invite.role).toBe("owner");
  });

  it("inviting an existing member is a conflict", async () => {
    const { ctx, owner } = await makeWorkspace(database);
    const { user } = await addMember(database, ctx, "editor");
    await expectAppError(createInvite({ ctx, input: { email: user.email.toUpperCase(), role: "admin" } }), "conflict", /already a member/);
    await expectAppError(createInvite({ ctx, input: { email: owner.email, role: "viewer" } }), "conflict");
    expect((await listPendingInvites({ ctx })).map((i) => i.email)).not.toContain(user.email);
  });

  it("describeInvite shows the workspace and role without signing in", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const address = `${uniq("desc")}@example.test`;
    const { token } = await createInvite({ ctx, input: { email: address, role: "admin", expiresInDays: 3 } });
    const d = await describeInvite({ ctx: database, token });
    expect(d).toMatchObject({ email: address, role: "admin", workspaceName: ws.name, workspaceSlug: ws.slug, status: "pending" });
    expect(d.expiresAt.getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 3600 * 1000);
    expect(d.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3 * 24 * 3600 * 1000);
  });
});
