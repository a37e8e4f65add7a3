import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, memberships, users, workspaces, API_KEY_SCOPES, type Membership, type Role } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth";
import { displayPrefix, hashApiKey } from "@/lib/api-keys";
import { appendAudit } from "@/lib/audit";
import type { WorkspaceCtx } from "@/lib/context";

/** Idempotent building blocks for headless init and the demo: each finds the row first, creates it if missing. */

export async function ensureUser(db: Db, input: { email: string; name: string; password: string }) {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select().from(users).where(eq(users.email, email));
  if (existing) {
    // The env is the source of truth for the init user's password: a changed value takes effect at next start.
    if (!existing.passwordHash || !(await verifyPassword(existing.passwordHash, input.password))) {
      await db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(eq(users.id, existing.id));
    }
    return { user: existing, created: false };
  }
  const [user] = await db
    .insert(users)
    .values({ email, name: input.name, passwordHash: await hashPassword(input.password) })
    .onConflictDoNothing()
    .returning();
  if (user) return { user, created: true };
  const [raced] = await db.select().from(users).where(eq(users.email, email));
  return { user: raced!, created: false };
}

/** The workspace row, with `created` saying whether this call made it (for the audit log). */
export async function ensureWorkspace(db: Db, input: { slug: string; name: string }) {
  const [created] = await db.insert(workspaces).values(input).onConflictDoNothing().returning();
  if (created) return { ...created, created: true };
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, input.slug));
  return { ...ws!, created: false };
}

/**
 * `enforceRole`: an existing member is set back to `role` (headless init declares the init user an owner).
 * Says what changed (`added`, or the `previousRole` it replaced), for the audit log.
 */
export async function ensureMember(
  db: Db,
  workspaceId: string,
  userId: string,
  role: Role,
  opts: { enforceRole?: boolean } = {},
): Promise<Membership & { added: boolean; previousRole?: Role }> {
  const [added] = await db.insert(memberships).values({ workspaceId, userId, role }).onConflictDoNothing().returning();
  if (added) return { ...added, added: true };
  const where = and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId));
  const [m] = await db.select().from(memberships).where(where).for("update");
  if (opts.enforceRole && m!.role !== role) {
    const [updated] = await db.update(memberships).set({ role }).where(where).returning();
    return { ...updated!, added: false, previousRole: m!.role };
  }
  return { ...m!, added: false };
}

/** Stores a caller-chosen key (hashed) with every scope, once. */
export async function ensureApiKey(db: Db, workspaceId: string, key: string, name: string, createdBy: string | null) {
  const hash = hashApiKey(key);
  const [existing] = await db.select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId }).from(apiKeys).where(eq(apiKeys.hash, hash));
  if (existing) {
    if (existing.workspaceId !== workspaceId) throw new Error("PROMPTYARD_INIT_API_KEY already belongs to another workspace.");
    return { created: false as const };
  }
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId, name, prefix: displayPrefix(key), hash, scopes: [...API_KEY_SCOPES], createdBy })
    .onConflictDoNothing()
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes });
  // A concurrent start may have stored it first: then this run created nothing.
  return row ? { created: true as const, apiKey: row } : { created: false as const };
}

/** Start-up changes go to the audit log as the system's, marked with what made them (`via`). Call inside the transaction. */
export function systemAuditCtx(db: Db, ws: { id: string; slug: string; name: string }): WorkspaceCtx {
  return { db, actor: { kind: "system" }, workspace: { id: ws.id, slug: ws.slug, name: ws.name } };
}

export async function auditEnsured(
  ctx: WorkspaceCtx,
  via: string,
  changes: { workspaceCreated?: boolean; member?: { userId: string; email: string; role: Role; added: boolean; previousRole?: Role } },
) {
  if (changes.workspaceCreated) {
    await appendAudit(ctx, { action: "workspace.create", targetType: "workspace", targetId: ctx.workspace.id, data: { slug: ctx.workspace.slug, name: ctx.workspace.name, via } });
  }
  const m = changes.member;
  if (m?.added) {
    await appendAudit(ctx, { action: "member.add", targetType: "member", targetId: m.userId, data: { email: m.email, role: m.role, via } });
  } else if (m?.previousRole) {
    await appendAudit(ctx, { action: "member.role_change", targetType: "member", targetId: m.userId, data: { email: m.email, from: m.previousRole, to: m.role, via } });
  }
}
