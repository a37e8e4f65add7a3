import "server-only";
import { eq, sql } from "drizzle-orm";
import { prompts, promptVersions, type Prompt, type PromptConfig, type PromptContent, type PromptVersion } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, invalidInput } from "@/lib/errors";
import { emit, flushEvents } from "@/lib/events";
import { extractFromContent, extractVariables, validateTemplate } from "@/lib/templates";
import {
  PromptConfigSchema,
  PromptContentSchema,
  assertNoSecrets,
  checkAuthorSemver,
  diffSummary,
  hashVersion,
  nextSemver,
  suggestBump,
  validateResponseSchema,
} from "./pure";
import { resolveIncludes } from "./components";
import { actorColumns, getPromptInWorkspace, getVersionByNumber } from "./internal";
import { CommitVersionInput } from "./schemas";
import { describeZodIssue } from "./zod-message";

export interface CommitResult {
  version: PromptVersion;
  bump: string;
  reason: string;
}

/** Checks content and config for a prompt of `type`; returns them normalised, or throws 400 naming the problem. */
export async function prepareContent(type: Prompt["type"], rawContent: unknown, rawConfig: unknown) {
  const content = PromptContentSchema(type).safeParse(rawContent);
  if (!content.success) throw invalidInput(describeZodIssue("content", content.error));
  const config = PromptConfigSchema.safeParse(rawConfig ?? {});
  if (!config.success) throw invalidInput(describeZodIssue("config", config.error));
  validateTemplate(content.data as PromptContent);
  assertNoSecrets(content.data as PromptContent, config.data);
  if (config.data.responseSchema !== undefined) validateResponseSchema(config.data.responseSchema);
  return { content: content.data as PromptContent, config: config.data as PromptConfig };
}

/**
 * Commits a new immutable version inside ctx's transaction. Bumping `latest_version` under the prompt's row lock
 * serialises concurrent commits: numbers are gapless and nobody is told to "try again".
 */
/** Everything a commit derives from its input: normalised content/config, includes, variables (own + components'). */
async function analyze(ctx: WorkspaceCtx, prompt: Prompt, input: { content: unknown; config?: unknown }) {
  const { content, config } = await prepareContent(prompt.type, input.content, input.config);
  const { includes, variables: own } = extractFromContent(content);
  // Includes must exist and must not form a cycle; their variables become this version's variables too.
  const resolved = includes.length ? await resolveIncludes(ctx.db, ctx.workspace.id, content, prompt.slug) : null;
  const variables = new Set(own);
  for (const text of resolved?.partials.values() ?? []) for (const v of extractVariables(text)) variables.add(v);
  return { content, config, includes, variables: [...variables].sort() };
}

function suggest(parent: PromptVersion | null, next: { content: PromptContent; config: PromptConfig; variables: string[] }) {
  const prev = parent ? { content: parent.content, config: parent.config, variables: parent.variables } : null;
  return { ...diffSummary(prev, next), ...suggestBump(prev, next) };
}

/** What committing this draft would do (bump, reason, semver, variables), validated but not written. */
export async function previewCommit({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; content: unknown; config?: unknown } }) {
  authorize(ctx, "prompts:write");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.slug);
  const next = await analyze(ctx, prompt, input);
  const parent = prompt.latestVersion ? await getVersionByNumber(ctx.db, prompt, prompt.latestVersion) : null;
  const s = suggest(parent, next);
  return {
    base: parent?.number ?? 0,
    bump: s.bump,
    reason: s.reason,
    semver: s.bump === "none" ? (parent?.semver ?? "1.0.0") : nextSemver(parent?.semver ?? null, s.bump),
    variables: next.variables,
    variablesAdded: s.variablesAdded,
    variablesRemoved: s.variablesRemoved,
    configChanged: s.configChanged,
  };
}

/**
 * Commits a new immutable version inside ctx's transaction. Bumping `latest_version` under the prompt's row lock
 * serialises concurrent commits: numbers are gapless and nobody is told to "try again".
 */
export async function commitInTransaction(
  ctx: WorkspaceCtx,
  prompt: Prompt,
  input: { content: unknown; config?: unknown; message: string; semver?: string },
): Promise<CommitResult> {
  const next = await analyze(ctx, prompt, input);
  const { content, config, includes } = next;
  const [bumped] = await ctx.db
    .update(prompts)
    .set({ latestVersion: sql`${prompts.latestVersion} + 1`, updatedAt: new Date() })
    .where(eq(prompts.id, prompt.id))
    .returning({ number: prompts.latestVersion });
  const number = bumped!.number;
  const parent = number > 1 ? await getVersionByNumber(ctx.db, prompt, number - 1) : null;

  const suggestion = suggest(parent, next);
  if (suggestion.bump === "none") throw conflict(`Nothing changed since v${parent!.number}; there is nothing to commit.`);
  const suggested = nextSemver(parent?.semver ?? null, suggestion.bump);
  const semver = input.semver ? checkAuthorSemver(parent?.semver ?? null, suggestion.bump, input.semver) : suggested;

  const [version] = await ctx.db
    .insert(promptVersions)
    .values({
      workspaceId: ctx.workspace.id,
      promptId: prompt.id,
      number,
      semver,
      content,
      config,
      variables: next.variables,
      includes: includes.map((i) => i.raw),
      hash: hashVersion({ type: prompt.type, content, config }),
      message: input.message,
      parentId: parent?.id ?? null,
      ...actorColumns(ctx),
    })
    .returning();
  await appendAudit(ctx, {
    action: "version.commit",
    targetType: "prompt",
    targetId: prompt.id,
    data: { slug: prompt.slug, version: number, semver, hash: version!.hash, message: input.message, bump: suggestion.bump },
  });
  // `latest` is the highest version, so this event also moves `latest` (subscribers of the serving cache evict it).
  await emit(ctx, {
    type: "version.created",
    promptId: prompt.id,
    slug: prompt.slug,
    versionId: version!.id,
    version: number,
    semver,
    hash: version!.hash,
    previousLatest: number > 1 ? number - 1 : null,
  });
  return { version: version!, bump: suggestion.bump, reason: suggestion.reason };
}

export async function commitVersion({ ctx, input }: { ctx: WorkspaceCtx; input: CommitVersionInput }): Promise<CommitResult> {
  authorize(ctx, "prompts:write");
  const data = CommitVersionInput.parse(input);
  const result = await inTransaction(ctx, async (tx) => {
    const prompt = await getPromptInWorkspace(tx.db, ctx.workspace.id, data.slug);
    if (prompt.archivedAt) throw conflict(`Prompt "${prompt.slug}" is archived; unarchive it to commit.`);
    return commitInTransaction(tx, prompt, data);
  });
  await flushEvents(ctx); // committed: subscribers (serving cache) see the new `latest` before we answer
  return result;
}

/** "Revert to vN": a new version whose content and config equal vN's. */
export async function revertToVersion({ ctx, input }: { ctx: WorkspaceCtx; input: { slug: string; version: number; message?: string } }) {
  authorize(ctx, "prompts:write");
  const result = await inTransaction(ctx, async (tx) => {
    const prompt = await getPromptInWorkspace(tx.db, ctx.workspace.id, input.slug);
    const target = await getVersionByNumber(tx.db, prompt, input.version);
    return commitInTransaction(tx, prompt, {
      content: target.content,
      config: target.config,
      message: input.message?.trim() || `Revert to v${target.number}`,
    });
  });
  await flushEvents(ctx);
  return result;
}
