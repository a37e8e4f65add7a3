import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { PERMISSIONS } from "@/lib/auth";

/** Settings pages: the member's context, and whether their role may open settings at all. */
export async function settingsAccess(slug: string) {
  const { user, ctx } = await requireWorkspace(slug);
  const allowed = can(ctx, "settings:read");
  const message = `Workspace settings need the ${PERMISSIONS["settings:read"].minRole} role or higher; you are ${ctx.role}.`;
  return { user, ctx, allowed, message, back: `/w/${ctx.workspace.slug}` };
}
