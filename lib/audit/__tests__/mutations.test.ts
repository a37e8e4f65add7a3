import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, invites } from "@/db/schema";
import { AUDIT_ACTIONS, exportAuditJsonl, listAuditActions, listAuditEvents, verifyAuditChain } from "@/lib/audit";
import { authenticateApiKey, createApiKey, revokeApiKey } from "@/lib/api-keys";
import { signUp } from "@/lib/auth";
import type { WorkspaceCtx } from "@/lib/context";
import { acceptInvite, changeRole, createInvite, leaveWorkspace, removeMember, revokeInvite } from "@/lib/members";
import { renameWorkspace } from "@/lib/workspaces";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { TEST_PASSWORD, addMember, makeUser, makeWorkspace, userCtx } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

async function eventsOf(workspaceId: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId)).orderBy(asc(auditEvents.seq));
}

async function lastEvent(workspaceId: string) {
  const events = await eventsOf(workspaceId);
  return events[events.length - 1]!;
}

async function exportText(ctx: WorkspaceCtx) {
  let out = "";
  for await (const line of exportAuditJsonl(ctx)) out += line;
  return out;
}

describe(`audit events of mutations (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("createWorkspace logs workspace.create by its creator; renameWorkspace logs from/to", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const [created] = await eventsOf(ws.id);
    expect(created).toMatchObject({
      seq: 1,
      action: "workspace.create",
      actorType: "user",
      actorId: owner.id,
      actorLabel: owner.email,
      targetType: "workspace",
      targetId: ws.id,
      data: { slug: ws.slug, name: ws.name },
    });

    await renameWorkspace({ ctx, input: { name: "Renamed" } });
    expect(await lastEvent(ws.id)).toMatchObject({ seq: 2, action: "workspace.rename", actorId: owner.id, data: { from: ws.name, to: "Renamed" } });
    // Saving the same name changes nothing and logs nothing.
    await renameWorkspace({ ctx, input: { name: "Renamed" } });
    expect(await eventsOf(ws.id)).toHaveLength(2);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 2 });
  });

  it("createInvite logs member.invite with email and role, never the token; accept logs member.join by the invitee", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const invitee = await makeUser(database, "Invitee");
    const { token, invite } = await createInvite({ ctx, input: { email: invitee.email, role: "editor" } });
    const invited = await lastEvent(ws.id);
    expect(invited).toMatchObject({
      action: "member.invite",
      actorType: "user",
      actorId: owner.id,
      targetType: "invite",
      targetId: invite.id,
      data: { email: invitee.email, role: "editor", expiresAt: invite.expiresAt.toISOString() },
    });
    const [row] = await database.db.select().from(invites).where(eq(invites.id, invite.id));
    const everything = JSON.stringify(await eventsOf(ws.id)) + (await exportText(ctx));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(row!.tokenHash);

    await acceptInvite({ ctx: userCtx(database, invitee.id), input: { token } });
    expect(await lastEvent(ws.id)).toMatchObject({
      action: "member.join",
      actorType: "user",
      actorId: invitee.id,
      actorLabel: invitee.email,
      targetType: "member",
      targetId: invitee.id,
      data: { inviteId: invite.id, email: invitee.email, role: "editor" },
    });
    expect(JSON.stringify(await eventsOf(ws.id))).not.toContain(token);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it("an invite accepted by an existing member records the role before and after", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const { user } = await addMember(database, ctx, "viewer");
    const { token } = await createInviteForMember(ctx, user.email, "admin");
    await acceptInvite({ ctx: userCtx(database, user.id), input: { token } });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "member.join", actorId: user.id, data: { role: "admin", previousRole: "viewer" } });
  });

  it("sign-up through an invite link logs member.join by the new user", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const email = `${uniq("su")}@example.test`;
    const { token } = await createInvite({ ctx, input: { email, role: "reviewer" } });
    const { user, joinedWorkspaceSlug } = await signUp({
      ctx: { db: database.db, actor: { kind: "system" } },
      input: { name: "New Person", email, password: TEST_PASSWORD, inviteToken: token },
      allowSignup: false,
    });
    expect(joinedWorkspaceSlug).toBe(ws.slug);
    expect(await lastEvent(ws.id)).toMatchObject({
      action: "member.join",
      actorType: "user",
      actorId: user.id,
      actorLabel: email,
      targetId: user.id,
      data: { email, role: "reviewer" },
    });
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it("revokeInvite logs invite.revoke", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const email = `${uniq("rv")}@example.test`;
    const { invite } = await createInvite({ ctx, input: { email, role: "viewer" } });
    expect(await revokeInvite({ ctx, input: { inviteId: invite.id } })).toEqual({ id: invite.id });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "invite.revoke", actorId: owner.id, targetType: "invite", targetId: invite.id, data: { email, role: "viewer" } });
    // Nothing revoked, nothing logged.
    const count = (await eventsOf(ws.id)).length;
    await expectAppError(revokeInvite({ ctx, input: { inviteId: invite.id } }), "not_found");
    expect(await eventsOf(ws.id)).toHaveLength(count);
  });

  it("changeRole logs member.role_change (from, to); remove and leave log member.remove / member.leave", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const { user: editor } = await addMember(database, ctx, "editor");
    const { user: viewer, ctx: viewerCtx } = await addMember(database, ctx, "viewer");

    await changeRole({ ctx, input: { userId: editor.id, role: "admin" } });
    expect(await lastEvent(ws.id)).toMatchObject({
      action: "member.role_change",
      actorId: owner.id,
      targetType: "member",
      targetId: editor.id,
      data: { email: editor.email, from: "editor", to: "admin" },
    });
    // The same role again: no change, no event.
    const count = (await eventsOf(ws.id)).length;
    await changeRole({ ctx, input: { userId: editor.id, role: "admin" } });
    expect(await eventsOf(ws.id)).toHaveLength(count);

    await removeMember({ ctx, input: { userId: editor.id } });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "member.remove", actorId: owner.id, targetId: editor.id, data: { email: editor.email, role: "admin" } });

    await leaveWorkspace({ ctx: viewerCtx });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "member.leave", actorId: viewer.id, targetId: viewer.id, data: { email: viewer.email, role: "viewer" } });
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it("a mutation that fails writes no event (last owner cannot leave; inviting a member is a conflict)", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const before = await eventsOf(ws.id);
    await expectAppError(leaveWorkspace({ ctx }), "conflict");
    await expectAppError(createInvite({ ctx, input: { email: owner.email, role: "viewer" } }), "conflict");
    await expectAppError(changeRole({ ctx, input: { userId: owner.id, role: "admin" } }), "conflict");
    expect(await eventsOf(ws.id)).toEqual(before);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: before.length });
  });

  it("createApiKey logs name, scopes and prefix, never the key or its hash; revokeApiKey logs api_key.revoke", async () => {
    const { ctx, owner, ws } = await makeWorkspace(database);
    const { key, apiKey } = await createApiKey({ ctx, input: { name: "Production backend", scopes: ["prompts:read", "admin"] } });
    expect(await lastEvent(ws.id)).toMatchObject({
      action: "api_key.create",
      actorType: "user",
      actorId: owner.id,
      targetType: "api_key",
      targetId: apiKey.id,
      data: { name: "Production backend", scopes: ["prompts:read", "admin"], prefix: key.slice(0, 12) },
    });

    // A key acting: the actor is the key, labelled with its name.
    const keyCtx = await authenticateApiKey({ db: database.db, key });
    const second = await createApiKey({ ctx: keyCtx, input: { name: "made by a key", scopes: ["prompts:read"] } });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "api_key.create", actorType: "api_key", actorId: apiKey.id, actorLabel: "Production backend", targetId: second.apiKey.id });
    await revokeApiKey({ ctx: keyCtx, input: { id: second.apiKey.id } });
    expect(await lastEvent(ws.id)).toMatchObject({ action: "api_key.revoke", actorType: "api_key", actorId: apiKey.id, targetId: second.apiKey.id, data: { name: "made by a key", prefix: second.key.slice(0, 12) } });

    const everything = JSON.stringify(await eventsOf(ws.id)) + (await exportText(ctx)) + JSON.stringify(await listAuditEvents(ctx, { limit: 200 }));
    for (const k of [key, second.key]) {
      expect(everything).not.toContain(k);
      expect(everything).not.toContain(k.slice(12));
      expect(everything).not.toContain(sha256(k));
    }
    const listed = await listAuditEvents(ctx);
    expect(listed.events.map((e) => [e.action, e.actorName])).toEqual([
      ["api_key.revoke", "Production backend"],
      ["api_key.create", "Production backend"],
      ["api_key.create", owner.name],
      ["workspace.create", owner.name],
    ]);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 4 });
  });

  it("every action written by lib is in AUDIT_ACTIONS", async () => {
    const { ctx } = await makeWorkspace(database);
    const { user } = await addMember(database, ctx, "editor");
    await changeRole({ ctx, input: { userId: user.id, role: "viewer" } });
    const { invite } = await createInvite({ ctx, input: { email: `${uniq("a")}@example.test`, role: "viewer" } });
    await revokeInvite({ ctx, input: { inviteId: invite.id } });
    const { apiKey } = await createApiKey({ ctx, input: { name: "k", scopes: ["admin"] } });
    await revokeApiKey({ ctx, input: { id: apiKey.id } });
    await renameWorkspace({ ctx, input: { name: "Other" } });
    await removeMember({ ctx, input: { userId: user.id } });
    const actions = await listAuditActions(ctx);
    expect(actions).toEqual(
      ["api_key.create", "api_key.revoke", "invite.revoke", "member.invite", "member.join", "member.remove", "member.role_change", "workspace.create", "workspace.rename"],
    );
    for (const a of actions) expect(AUDIT_ACTIONS as readonly string[]).toContain(a);
  });
});

describe(`audit tenancy and permissions (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("verify, list, actions and export of A never include B's events", async () => {
    const A = await makeWorkspace(database);
    const B = await makeWorkspace(database);
    await createApiKey({ ctx: B.ctx, input: { name: "B only", scopes: ["prompts:read"] } });
    await addMember(database, B.ctx, "editor");
    const bIds = (await eventsOf(B.ws.id)).map((e) => e.id);
    expect(bIds.length).toBeGreaterThanOrEqual(4);

    const list = await listAuditEvents(A.ctx, { limit: 200 });
    expect(list.events.map((e) => e.action)).toEqual(["workspace.create"]);
    for (const id of bIds) expect(list.events.map((e) => e.id)).not.toContain(id);
    // Filtering by B's actor or a B action finds nothing in A.
    expect((await listAuditEvents(A.ctx, { actorId: B.owner.id })).events).toEqual([]);
    expect((await listAuditEvents(A.ctx, { action: "api_key.create" })).events).toEqual([]);
    expect(await listAuditActions(A.ctx)).toEqual(["workspace.create"]);
    expect(await verifyAuditChain(A.ctx)).toEqual({ ok: true, events: 1 });
    expect(await verifyAuditChain(B.ctx)).toEqual({ ok: true, events: bIds.length });

    const lines = (await exportText(A.ctx)).trim().split("\n").map((l) => JSON.parse(l) as { workspaceId: string; id: number });
    expect(lines).toHaveLength(1);
    expect(lines.every((l) => l.workspaceId === A.ws.id)).toBe(true);
  });

  it("editors, reviewers and viewers may not read, verify or export the log; admins and admin keys may", async () => {
    const { ctx } = await makeWorkspace(database);
    for (const role of ["editor", "reviewer", "viewer"] as const) {
      const { ctx: member } = await addMember(database, ctx, role);
      await expectAppError(verifyAuditChain(member), "forbidden", new RegExp(`\\(${role}\\).*admin or higher`));
      await expectAppError(listAuditEvents(member), "forbidden");
      await expectAppError(listAuditActions(member), "forbidden");
      // Refused at the call, before a single line is produced.
      await expectAppError(() => exportAuditJsonl(member), "forbidden");
    }
    const { key: readKey } = await createApiKey({ ctx, input: { name: "reader", scopes: ["prompts:read", "labels:write"] } });
    const readCtx = await authenticateApiKey({ db: database.db, key: readKey });
    await expectAppError(verifyAuditChain(readCtx), "forbidden", /lacks the scope.*\(admin\)/);
    await expectAppError(listAuditEvents(readCtx), "forbidden");
    await expectAppError(() => exportAuditJsonl(readCtx), "forbidden");

    const { ctx: admin } = await addMember(database, ctx, "admin");
    expect((await verifyAuditChain(admin)).ok).toBe(true);
    const { key: adminKey } = await createApiKey({ ctx: admin, input: { name: "admin key", scopes: ["admin"] } });
    const adminKeyCtx = await authenticateApiKey({ db: database.db, key: adminKey });
    const res = await verifyAuditChain(adminKeyCtx);
    expect(res.ok).toBe(true);
    expect(res.events).toBe((await eventsOf(ctx.workspace.id)).length);
    expect((await listAuditEvents(adminKeyCtx)).events.length).toBeGreaterThan(0);
  });
});

/** An invite for someone who is already a member (createInvite refuses those; an invite sent before they joined another way). */
async function createInviteForMember(ctx: WorkspaceCtx, email: string, role: "admin") {
  const token = uniq("tok") + uniq("en") + uniq("xx");
  await database.db.insert(invites).values({
    workspaceId: ctx.workspace.id,
    email,
    role,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return { token };
}
