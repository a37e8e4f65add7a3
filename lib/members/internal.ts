import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invites, memberships, users, workspaces, type Invite } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { atLeast, roleRank, type Role } from "@/lib/auth/permissions";
import type { WorkspaceCtx } from "@/lib/context";
import { conflict, forbidden, notFound } from "@/lib/errors";

export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Locks and checks an invite for `email`: unknown -> 404, revoked/used -> 409, expired -> 409, other email -> 403.
 * Must run inside a transaction (the row stays locked until it ends, so an invite is used once).
 */
export async function findUsableInvite(db: Db, token: string, email: string): Promise<Invite> {
  const [invite] = await db.select().from(invites).where(eq(invites.tokenHash, hashInviteToken(token))).for("update");
  if (!invite || invite.revokedAt) throw notFound("Invite");
  if (invite.acceptedAt) throw conflict("This invite link has already been used. Ask for a new one.");
  if (invite.expiresAt.getTime() <= Date.now()) throw conflict("This invite link has expired. Ask for a new one.");
  if (invite.email !== email.trim().toLowerCase()) {
    throw forbidden(`This invite is for ${invite.email}. Sign in with that email to accept it.`);
  }
  return invite;
}

/**
 * Marks the invite used and adds the member; an existing member keeps the higher of the two roles. Logs the join
 * (actor: the user joining), so it must run in the caller's transaction, like findUsableInvite.
 */
export async function acceptInviteForUser(db: Db, invite: Invite, user: { id: string }) {
  await db.update(invites).set({ acceptedAt: new Date(), acceptedBy: user.id }).where(eq(invites.id, invite.id));
  const [existing] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, user.id)));
  let role: Role = invite.role;
  if (!existing) {
    await db.insert(memberships).values({ workspaceId: invite.workspaceId, userId: user.id, role: invite.role });
  } else if (roleRank(invite.role) > roleRank(existing.role)) {
    await db
      .update(memberships)
      .set({ role: invite.role })
      .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, user.id)));
  } else {
    role = existing.role;
  }
  const [ws] = await db.select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, invite.workspaceId));
  await appendAudit(
    { db, actor: { kind: "user", userId: user.id }, workspace: ws!, role },
    {
      action: "member.join",
      targetType: "member",
      targetId: user.id,
      data: { inviteId: invite.id, email: invite.email, role, ...(existing ? { previousRole: existing.role } : {}) },
    },
  );
  return { slug: ws!.slug, name: ws!.name };
}

/** For audit data: whom a member event is about, readable after the account is gone. */
export async function memberEmail(db: Db, userId: string): Promise<string | null> {
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return u?.email ?? null;
}

/** Locks the workspace's owner rows and counts them, so two concurrent demotions cannot both pass. */
export async function lockOwnerCount(db: Db, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .for("update");
  return rows.length;
}

export async function getMemberOrThrow(db: Db, workspaceId: string, userId: string) {
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for("update");
  if (!m) throw notFound("Member");
  return m;
}

/**
 * Nobody hands out a role above their own. A member is capped by their role; an API key (no role) by admin, the
 * highest role its admin scope stands for, so an admin's key cannot make anyone (its creator included) an owner.
 */
export function assertCanGrant(ctx: WorkspaceCtx, role: Role, verb: string) {
  if (ctx.actor.kind === "system") return;
  const ceiling: Role = ctx.role ?? "admin";
  if (!atLeast(ceiling, role)) {
    throw forbidden(ctx.role ? `Your role (${ctx.role}) cannot ${verb} ${role}.` : `An API key cannot ${verb} ${role}.`);
  }
}

export function assertCanManage(actorRole: string | undefined, targetRole: string) {
  if (targetRole === "owner" && actorRole !== "owner") throw forbidden("Only an owner can change or remove another owner.");
}

export const LAST_OWNER_MESSAGE = "A workspace needs at least one owner. Make another member an owner first.";

export function assertNotLastOwner(ownerCount: number) {
  if (ownerCount <= 1) throw conflict(LAST_OWNER_MESSAGE);
}
