import "server-only";
import { getDb } from "@/db/client";
import type { Ctx, WorkspaceCtx } from "@/lib/context";
import { toActionError, type ActionResult } from "@/lib/http/errors";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { getSessionUser } from "./session";

const SIGNED_OUT = { ok: false as const, error: { code: "unauthorized" as const, message: "Your session has ended. Sign in again." } };

/** Server actions on a workspace: signed-in member, fresh role from the database, errors as values for the form. */
export async function withWorkspace<T>(slug: string, fn: (ctx: WorkspaceCtx) => Promise<T>): Promise<ActionResult<T>> {
  const user = await getSessionUser();
  if (!user) return SIGNED_OUT;
  try {
    const ctx = await loadWorkspaceForUser(getDb(), user.id, slug);
    return { ok: true, data: await fn(ctx) };
  } catch (e) {
    return { ok: false, error: toActionError(e) };
  }
}

/** Server actions of a signed-in user outside any workspace (create workspace, accept invite). */
export async function withUser<T>(fn: (ctx: Ctx) => Promise<T>): Promise<ActionResult<T>> {
  const user = await getSessionUser();
  if (!user) return SIGNED_OUT;
  try {
    return { ok: true, data: await fn({ db: getDb(), actor: { kind: "user", userId: user.id } }) };
  } catch (e) {
    return { ok: false, error: toActionError(e) };
  }
}
