import "server-only";
import { and, eq } from "drizzle-orm";
import { labels, type PromptContent } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { AppError, invalidInput } from "@/lib/errors";
import { renderContent } from "@/lib/templates";
import { resolveIncludes } from "./components";
import { getPromptInWorkspace, getVersionByNumber, resolveLabel } from "./internal";

export interface ServeSelector {
  slug: string;
  label?: string;
  version?: number;
  /** With a label: the version it pointed to at that instant. */
  at?: Date;
}

/** The version a client asked for: `?version=N`, or `?label=` (default production), optionally `?at=`. */
export async function getServedVersion({ ctx, input }: { ctx: WorkspaceCtx; input: ServeSelector }) {
  authorize(ctx, "prompts:read");
  if (input.version !== undefined && input.label !== undefined) throw invalidInput("Ask for either a label or a version, not both.");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.slug);
  let version;
  if (input.version !== undefined) {
    version = await getVersionByNumber(ctx.db, prompt, input.version);
  } else {
    const label = input.label ?? "production";
    version = await resolveLabel(ctx.db, prompt, label, input.at);
    if (!version) {
      throw new AppError(
        "not_found",
        input.at
          ? `Label "${label}" of prompt "${prompt.slug}" pointed at no version at ${input.at.toISOString()}.`
          : `Label "${label}" of prompt "${prompt.slug}" points at no version yet; promote a version to it first.`,
      );
    }
  }
  const pointing = await ctx.db.select({ name: labels.name }).from(labels).where(and(eq(labels.promptId, prompt.id), eq(labels.versionId, version.id)));
  const labelNames = pointing.map((l) => l.name).concat(version.number === prompt.latestVersion ? ["latest"] : []);
  return { prompt, version, labels: labelNames.sort() };
}

/** What rendering the selected version needs (it, and the component texts its includes resolved to), before variables. */
export async function loadRenderable({ ctx, input }: { ctx: WorkspaceCtx; input: ServeSelector }) {
  const { prompt, version } = await getServedVersion({ ctx, input });
  const content = version.content as PromptContent;
  const resolved = version.includes.length ? await resolveIncludes(ctx.db, ctx.workspace.id, content, prompt.slug, input.at) : null;
  return {
    slug: prompt.slug,
    type: prompt.type,
    version: version.number,
    semver: version.semver,
    content,
    partials: resolved?.partials ?? new Map(),
    components: (resolved?.resolved ?? []).map((c) => ({ slug: c.slug, label: c.label, version: c.version })),
  };
}
export type Renderable = Awaited<ReturnType<typeof loadRenderable>>;

/** Renders a loaded version with `variables` (pure: the serving cache keeps Renderables and calls this per request). */
export function renderLoaded(r: Renderable, variables: Record<string, unknown>) {
  const rendered = renderContent({ content: r.content, variables, components: r.partials });
  return { slug: r.slug, type: r.type, version: r.version, semver: r.semver, content: rendered, components: r.components };
}

/** Renders the selected version with `variables`; says which component versions it resolved. */
export async function renderPrompt({ ctx, input }: { ctx: WorkspaceCtx; input: ServeSelector & { variables: Record<string, unknown> } }) {
  return renderLoaded(await loadRenderable({ ctx, input }), input.variables);
}
