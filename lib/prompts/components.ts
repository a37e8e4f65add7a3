import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { prompts, type PromptContent } from "@/db/schema";
import { invalidInput } from "@/lib/errors";
import { resolveComponents } from "@/lib/templates";
import { resolveLabel } from "./internal";

/**
 * Loads `{{> slug}}` / `{{> slug@label}}` includes from the workspace. Without a label an include follows the
 * component's `latest` version; pin `@production` (or any label) for stability.
 */
export function componentLoader(db: Db, workspaceId: string, at?: Date) {
  return async (include: { slug: string; label?: string; raw: string }) => {
    const [component] = await db.select().from(prompts).where(and(eq(prompts.workspaceId, workspaceId), eq(prompts.slug, include.slug)));
    if (!component) throw invalidInput(`Component "${include.slug}" does not exist in this workspace.`);
    if (!component.isComponent) throw invalidInput(`"${include.slug}" is not marked as a component; mark it as one before including it.`);
    if (component.type !== "text") throw invalidInput(`Component "${include.slug}" is a chat prompt; only text prompts can be included.`);
    const label = include.label ?? "latest";
    const version = await resolveLabel(db, component, label, at).catch(() => null);
    if (!version) throw invalidInput(`Component "${include.slug}" has no version at label "${label}".`);
    return { slug: component.slug, label, version: version.number, content: version.content as string };
  };
}

export async function resolveIncludes(db: Db, workspaceId: string, content: PromptContent, rootSlug: string, at?: Date) {
  return resolveComponents({ content, load: componentLoader(db, workspaceId, at), rootSlug });
}
