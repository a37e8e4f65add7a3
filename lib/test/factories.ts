import type { Database } from "@/db/client";
import type { Role } from "@/db/schema";
import { signUp } from "@/lib/auth";
import type { Ctx, WorkspaceCtx } from "@/lib/context";
import { createWorkspace, loadWorkspaceForUser } from "@/lib/workspaces";
import { createInvite, acceptInvite } from "@/lib/members";
import { uniq } from "./db";

export const TEST_PASSWORD = "correct horse battery";

export async function makeUser(database: Database, name = "Test User") {
  const email = `${uniq("u")}@example.test`;
  const { user } = await signUp({ ctx: { db: database.db, actor: { kind: "system" } }, input: { name, email, password: TEST_PASSWORD }, allowSignup: true });
  return user;
}

export function userCtx(database: Database, userId: string): Ctx {
  return { db: database.db, actor: { kind: "user", userId } };
}

/** A workspace owned by a fresh user; returns the owner's workspace context. */
export async function makeWorkspace(database: Database) {
  const owner = await makeUser(database, "Owner");
  const ws = await createWorkspace({ ctx: userCtx(database, owner.id), input: { name: `WS ${uniq()}` } });
  const ctx = await loadWorkspaceForUser(database.db, owner.id, ws.slug);
  return { owner, ws, ctx };
}

/** Adds a new user to the workspace with `role` through a real invite. */
export async function addMember(database: Database, ownerCtx: WorkspaceCtx, role: Role) {
  const user = await makeUser(database, role);
  const { token } = await createInvite({ ctx: ownerCtx, input: { email: user.email, role } });
  await acceptInvite({ ctx: userCtx(database, user.id), input: { token } });
  const ctx = await loadWorkspaceForUser(database.db, user.id, ownerCtx.workspace.slug);
  return { user, ctx };
}
