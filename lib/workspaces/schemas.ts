import { z } from "zod";

export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export const WorkspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_RE, "Workspace URL must be 1-40 lowercase letters, digits or dashes, not starting or ending with a dash.");

export const WorkspaceName = z.string().trim().min(1, "Enter a workspace name.").max(80, "Workspace name must be at most 80 characters.");

export const CreateWorkspaceInput = z.object({ name: WorkspaceName, slug: WorkspaceSlug.optional() });
export type CreateWorkspaceInput = z.input<typeof CreateWorkspaceInput>;

export const RenameWorkspaceInput = z.object({ name: WorkspaceName });
export type RenameWorkspaceInput = z.input<typeof RenameWorkspaceInput>;

/** "Acme Support!" -> "acme-support" */
export function slugify(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/g, "") || "workspace"
  );
}
