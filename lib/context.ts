import "server-only";
import { getDb, type Db } from "@/db/client";
import type { ApiKeyScope } from "@/db/schema/api-keys";
import type { Role } from "@/db/schema/workspaces";
import { forbidden } from "@/lib/errors";
import { PERMISSIONS, roleCan, scopesCan, type Action } from "@/lib/auth/permissions";

export type Actor =
  | { kind: "user"; userId: string }
  | { kind: "api_key"; keyId: string; scopes: ApiKeyScope[] }
  | { kind: "system" };

/** What every verb receives: the database (or an open transaction) and who is acting. */
export interface Ctx {
  db: Db;
  actor: Actor;
}

export interface WorkspaceRef {
  id: string;
  slug: string;
  name: string;
}

/** A verb scoped to one workspace; `role` is the member's role (absent for API keys and the system). */
export interface WorkspaceCtx extends Ctx {
  workspace: WorkspaceRef;
  role?: Role;
}

export function can(ctx: WorkspaceCtx, action: Action): boolean {
  switch (ctx.actor.kind) {
    case "system":
      return true;
    case "user":
      return ctx.role !== undefined && roleCan(ctx.role, action);
    case "api_key":
      return scopesCan(ctx.actor.scopes, action);
  }
}

/** Throws 403 naming what is needed. Call it before reading or writing anything the action guards. */
export function authorize(ctx: WorkspaceCtx, action: Action): void {
  if (can(ctx, action)) return;
  const p = PERMISSIONS[action];
  throw forbidden(
    ctx.actor.kind === "api_key"
      ? `This API key lacks the scope needed to ${p.label.toLowerCase()}${p.scope ? ` (${p.scope})` : ""}.`
      : `Your role (${ctx.role ?? "none"}) cannot ${p.label.toLowerCase()}; it needs ${p.minRole} or higher.`,
  );
}

export function actorUserId(ctx: Ctx): string | null {
  return ctx.actor.kind === "user" ? ctx.actor.userId : null;
}

/** Runs fn in a transaction, or inside the caller's transaction when ctx already holds one (savepoint). */
export function inTransaction<C extends Ctx, T>(ctx: C, fn: (ctx: C) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
}

/** Context for work no member performs (sign-up, start-up): the process database, actor "system". */
export function systemCtx(): Ctx {
  return { db: getDb(), actor: { kind: "system" } };
}

export function userCtx(userId: string): Ctx {
  return { db: getDb(), actor: { kind: "user", userId } };
}
