"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withWorkspace } from "@/lib/auth/actions";
import { createApiKey, revokeApiKey, type ApiKeyScope } from "@/lib/api-keys";
import { changeRole, createInvite, leaveWorkspace, removeMember, revokeInvite } from "@/lib/members";
import { renameWorkspace } from "@/lib/workspaces";
import type { Role } from "@/lib/auth";

const refresh = (slug: string) => revalidatePath(`/w/${slug}`, "layout");

export async function renameWorkspaceAction(slug: string, name: string) {
  const res = await withWorkspace(slug, (ctx) => renameWorkspace({ ctx, input: { name } }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: null } : res;
}

export async function leaveWorkspaceAction(slug: string) {
  const res = await withWorkspace(slug, (ctx) => leaveWorkspace({ ctx }));
  if (res.ok) redirect("/");
  return res;
}

export async function createInviteAction(slug: string, input: { email: string; role: Role; expiresInDays: number }) {
  const res = await withWorkspace(slug, (ctx) => createInvite({ ctx, input }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: { path: res.data.path, email: res.data.invite.email, role: res.data.invite.role } } : res;
}

export async function revokeInviteAction(slug: string, inviteId: string) {
  const res = await withWorkspace(slug, (ctx) => revokeInvite({ ctx, input: { inviteId } }));
  if (res.ok) refresh(slug);
  return res;
}

export async function changeRoleAction(slug: string, userId: string, role: Role) {
  const res = await withWorkspace(slug, (ctx) => changeRole({ ctx, input: { userId, role } }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: null } : res;
}

export async function removeMemberAction(slug: string, userId: string) {
  const res = await withWorkspace(slug, (ctx) => removeMember({ ctx, input: { userId } }));
  if (res.ok) refresh(slug);
  return res;
}

export async function createApiKeyAction(slug: string, input: { name: string; scopes: ApiKeyScope[] }) {
  const res = await withWorkspace(slug, (ctx) => createApiKey({ ctx, input }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: { key: res.data.key, name: res.data.apiKey.name } } : res;
}

export async function revokeApiKeyAction(slug: string, id: string) {
  const res = await withWorkspace(slug, (ctx) => revokeApiKey({ ctx, input: { id } }));
  if (res.ok) refresh(slug);
  return res;
}
