import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, memberships, users, workspaces, API_KEY_SCOPES, type Role } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { displayPrefix, hashApiKey } from "@/lib/api-keys/internal";

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

export async function ensureWorkspace(db: Db, input: { slug: string; name: string }) {
  await db.insert(workspaces).values(input).onConflictDoNothing();
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, input.slug));
  return ws!;
}

/** `enforceRole`: an existing member is set back to `role` (headless init declares the init user an owner). */
export async function ensureMember(db: Db, workspaceId: string, userId: string, role: Role, opts: { enforceRole?: boolean } = {}) {
  const insert = db.insert(memberships).values({ workspaceId, userId, role });
  await (opts.enforceRole
    ? insert.onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } })
    : insert.onConflictDoNothing());
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  return m!;
}

/** Stores a caller-chosen key (hashed) with every scope, once. */
export async function ensureApiKey(db: Db, workspaceId: string, key: string, name: string, createdBy: string | null) {
  const hash = hashApiKey(key);
  const [existing] = await db.select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId }).from(apiKeys).where(eq(apiKeys.hash, hash));
  if (existing) {
    if (existing.workspaceId !== workspaceId) throw new Error("PROMPTYARD_INIT_API_KEY already belongs to another workspace.");
    return { created: false };
  }
  await db
    .insert(apiKeys)
    .values({ workspaceId, name, prefix: displayPrefix(key), hash, scopes: [...API_KEY_SCOPES], createdBy })
    .onConflictDoNothing();
  return { created: true };
}
