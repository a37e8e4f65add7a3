"use server";
import { redirect } from "next/navigation";
import { withUser } from "@/lib/auth/actions";
import { acceptInvite } from "@/lib/members";
import { createWorkspace } from "@/lib/workspaces";
import type { ActionResult } from "@/lib/http";

export async function createWorkspaceAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<unknown>> {
  const res = await withUser((ctx) =>
    createWorkspace({ ctx, input: { name: String(form.get("name") ?? ""), slug: (form.get("slug") as string)?.trim() || undefined } }),
  );
  if (res.ok) redirect(`/w/${(res.data as { slug: string }).slug}`);
  return res;
}

export async function acceptInviteAction(token: string): Promise<ActionResult<unknown>> {
  const res = await withUser((ctx) => acceptInvite({ ctx, input: { token } }));
  if (res.ok) redirect(`/w/${(res.data as { slug: string }).slug}`);
  return res;
}
