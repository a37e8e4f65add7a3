import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { isAppError, unauthorized } from "@/lib/errors";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { getUserById } from "./get-user";
import { auth } from "./next";

/** The signed-in user, re-read from the database (a deleted account is signed out). */
export const getSessionUser = cache(async () => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return getUserById({ ctx: { db: getDb() }, userId: id });
});

export async function requireUser(callbackUrl?: string) {
  const user = await getSessionUser();
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}

/** The signed-in member's context in a workspace; a workspace they are not in is a 404 page. */
export const requireWorkspace = cache(async (slug: string) => {
  // proxy.ts passes the address asked for; only a path inside this workspace is a place to come back to.
  const asked = (await headers()).get("x-promptyard-path");
  const home = `/w/${slug}`;
  const user = await requireUser(asked && (asked === home || asked.startsWith(`${home}/`) || asked.startsWith(`${home}?`)) ? asked : home);
  try {
    const ctx = await loadWorkspaceForUser(getDb(), user.id, slug);
    return { user, ctx };
  } catch (e) {
    if (isAppError(e) && (e as { code: string }).code === "not_found") notFound();
    throw e;
  }
});

/** Route handlers used by the app's own pages: the signed-in member's context, or 401 / 404 as AppErrors. */
export async function sessionWorkspace(slug: string) {
  const user = await getSessionUser();
  if (!user) throw unauthorized("Your session has ended. Sign in again.");
  return { user, ctx: await loadWorkspaceForUser(getDb(), user.id, slug) };
}
