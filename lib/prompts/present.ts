import type { Prompt, PromptVersion } from "@/db/schema";

/** The public JSON shape of a version (REST and SDK). */
export function presentVersion(v: PromptVersion) {
  return {
    version: v.number,
    semver: v.semver,
    content: v.content,
    config: v.config,
    variables: v.variables,
    includes: v.includes,
    hash: v.hash,
    message: v.message,
    createdAt: v.createdAt.toISOString(),
  };
}

export function presentPrompt(p: Prompt) {
  return {
    slug: p.slug,
    type: p.type,
    description: p.description,
    tags: p.tags,
    isComponent: p.isComponent,
    latestVersion: p.latestVersion,
    archived: p.archivedAt !== null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
