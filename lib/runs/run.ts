import "server-only";
import type { ModelMessage } from "ai";
import { z } from "zod";
import { type Generation, type Prompt, type PromptConfig, type PromptContent, type PromptVersion } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { AppError, invalidInput } from "@/lib/errors";
import { FIELD_LIMITS, recordGenerations } from "@/lib/generations";
import { getPromptInWorkspace, getVersionByNumber, resolveIncludes, resolveLabel } from "@/lib/prompts";
import { PromptConfigSchema, PromptContentSchema, validateResponseSchema } from "@/lib/prompts/pure";
import {
  connectionApiKey,
  effectiveBaseUrl,
  getConnectionByName,
  guardedFetch,
  languageModelFor,
  loadModelSettings,
  type ProviderFailure,
  type ProviderFailureKind,
  type Resolver,
} from "@/lib/providers";
import { renderContent } from "@/lib/templates";
import { callModel, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type CallOutcome, type ModelParams, type RetryPolicy } from "./call-model";
import { getRunLimiter, type RunLimiter } from "./limiter";
import { outputMatchesSchema } from "./schema-check";
import { RunPromptInput } from "./schemas";

export interface RunOptions {
  /** Per attempt: no first token (or next chunk) within this long ends the call. Default 60 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** How long to wait for a free slot under the workspace's concurrency cap before answering 429. Default 10 s. */
  queueWaitMs?: number;
  limiter?: RunLimiter;
  /** DNS resolver for the SSRF re-check (tests). */
  resolver?: Resolver;
}

/** The stored generation, plus what the caller needs to report it. */
export type RunResult = Generation & {
  /** "<connection>/<model id>", as asked. */
  modelRef: string;
  connectionName: string;
  /** null for a free-form run (no saved prompt). */
  promptSlug: string | null;
  versionNumber: number | null;
  /** Why the call failed (status "error"), for the transport to choose a status code; null on success. */
  errorKind: ProviderFailureKind | null;
  /** HTTP requests made to the provider, retries included. */
  attempts: number;
};

const DEFAULT_QUEUE_WAIT_MS = 10_000;

function zodToInput(e: unknown, field: string): never {
  if (e instanceof z.ZodError) throw invalidInput(`${field}: ${e.issues[0]?.message ?? "invalid"}`);
  throw e;
}

function paramsFrom(config: PromptConfig, override: ModelParams | undefined): ModelParams {
  const merged: ModelParams = { temperature: config.temperature, maxTokens: config.maxTokens, topP: config.topP, stop: config.stop, ...override };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as ModelParams;
}

type ParsedRunInput = z.output<typeof RunPromptInput>;

/**
 * What a run sends: the content (a version, the caller's draft, or a free-form template), its config, and the
 * rendered messages. Throws the caller's 4xx (unknown prompt or version, missing variable) before anything is called.
 */
async function resolveRunInput(ctx: WorkspaceCtx, data: Pick<ParsedRunInput, "prompt" | "label" | "version" | "draft" | "freeform" | "variables">) {
  let prompt: Prompt | null = null;
  let version: PromptVersion | null = null;
  let content: PromptContent;
  let config: PromptConfig;
  const unsaved = data.freeform ?? data.draft;
  if (data.prompt !== undefined) prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, data.prompt);
  if (unsaved) {
    const type = data.freeform ? data.freeform.type : prompt!.type;
    const field = data.freeform ? "freeform" : "draft";
    try {
      content = PromptContentSchema(type).parse(unsaved.content);
    } catch (e) {
      zodToInput(e, `${field}.content`);
    }
    try {
      config = PromptConfigSchema.parse(unsaved.config ?? {});
    } catch (e) {
      zodToInput(e, `${field}.config`);
    }
    if (config.responseSchema) validateResponseSchema(config.responseSchema);
  } else {
    if (!prompt) throw invalidInput("Give a prompt slug or a freeform template.");
    if (data.version !== undefined) {
      version = await getVersionByNumber(ctx.db, prompt, data.version);
    } else {
      const label = data.label ?? "production";
      version = await resolveLabel(ctx.db, prompt, label);
      if (!version) throw new AppError("not_found", `Label "${label}" of prompt "${prompt.slug}" points at no version yet; promote a version to it, or run a version number.`);
    }
    content = version.content;
    config = version.config;
  }
  // Render (a missing variable is the caller's 400, before any call or row). Free-form templates may include components too.
  const resolved = await resolveIncludes(ctx.db, ctx.workspace.id, content, prompt?.slug ?? "(free-form)");
  const rendered = renderContent({ content, variables: data.variables, components: resolved.partials });
  const messages: ModelMessage[] = typeof rendered === "string" ? [{ role: "user", content: rendered }] : rendered.map((m) => ({ role: m.role, content: m.content }) as ModelMessage);
  return { prompt, version, content, config, messages };
}

/** What a run would send, rendered with these variables, without calling a model or storing anything (readers+). */
export async function previewRunInput({ ctx, input }: { ctx: WorkspaceCtx; input: RunPromptInput }): Promise<{ messages: ModelMessage[] }> {
  authorize(ctx, "prompts:read");
  const data = RunPromptInput.parse(input);
  const { messages } = await resolveRunInput(ctx, data);
  return { messages };
}

/**
 * Runs a prompt version (or unsaved draft content) against "<connection>/<model>" and stores ONE generation, whatever
 * happens at the provider: a failed call is stored with status "error" and a message a person can act on, and returned
 * (never thrown, never an empty success). Problems with the request itself (unknown prompt, connection or version,
 * missing variable, full concurrency queue) throw AppErrors before anything is stored.
 */
export async function runPrompt({
  ctx,
  input,
  onDelta,
  options = {},
}: {
  ctx: WorkspaceCtx;
  input: RunPromptInput;
  /** Each streamed chunk of output, as it arrives. */
  onDelta?: (text: string) => void;
  options?: RunOptions;
}): Promise<RunResult> {
  authorize(ctx, "runs:create");
  const data = RunPromptInput.parse(input);
  const slash = data.model.indexOf("/");
  const connectionName = data.model.slice(0, slash);
  const modelId = data.model.slice(slash + 1);

  const { prompt, version, config, messages } = await resolveRunInput(ctx, data);
  const conn = await getConnectionByName(ctx.db, ctx.workspace.id, connectionName);
  const params = paramsFrom(config, data.params);

  const settings = await loadModelSettings(ctx.db, ctx.workspace.id);
  const limiter = options.limiter ?? getRunLimiter();
  const release = await limiter.acquire(ctx.workspace.id, settings.maxConcurrentRuns, { waitMs: options.queueWaitMs ?? DEFAULT_QUEUE_WAIT_MS, signal: data.signal });
  const baseUrl = effectiveBaseUrl(conn);
  let outcome: CallOutcome;
  const startedAt = new Date();
  let apiKey: string | null = null;
  try {
    apiKey = connectionApiKey(conn);
    const model = languageModelFor(conn, modelId, {
      apiKey,
      fetch: guardedFetch({ allowPrivate: settings.allowPrivateEndpoints, resolver: options.resolver, label: baseUrl }),
    });
    outcome = await callModel({
      model,
      messages,
      params,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      failure: { connection: conn.name, model: modelId, baseUrl, secret: apiKey },
      signal: data.signal,
      onDelta,
    });
  } catch (e) {
    // Set-up failures (a key that no longer decrypts, a connection missing its key) are stored like call failures.
    const failure: ProviderFailure = { kind: "auth", retryable: false, message: e instanceof Error ? e.message : String(e) };
    outcome = { ok: false, failure, text: "", attempts: 0, latencyMs: 0, ttftMs: null };
  } finally {
    release();
  }

  const inputTokens = outcome.ok ? outcome.inputTokens : null;
  const outputTokens = outcome.ok ? outcome.outputTokens : null;
  // The one writer: cost from the workspace's price table, review-queue sampling (which never fails a run).
  const recorded = await recordGenerations({
    ctx,
    input: {
      rows: [
        {
          promptId: prompt?.id,
          promptVersionId: version?.id,
          // Free-form runs are drafts too: no committed version produced them.
          isDraft: Boolean(data.draft || data.freeform),
          connectionId: conn.id,
          provider: conn.kind,
          model: modelId,
          params: { ...params },
          variables: data.variables,
          input: messages,
          output: outcome.text || (outcome.ok ? "" : null),
          inputTokens,
          outputTokens,
          latencyMs: outcome.latencyMs,
          timeToFirstTokenMs: outcome.ttftMs,
          status: outcome.ok ? "success" : "error",
          error: outcome.ok ? null : outcome.failure.message.slice(0, FIELD_LIMITS.error),
          schemaValid: config.responseSchema && outcome.ok ? outputMatchesSchema(outcome.text, config.responseSchema) : null,
          source: data.source,
          runGroupId: data.runGroupId,
          startedAt,
        },
      ],
    },
  });
  const row = recorded.inserted[0];
  if (!row) throw new AppError("internal", `The run could not be stored: ${recorded.rejected[0]?.message ?? "unknown reason"}.`);
  return {
    ...withoutIndex(row),
    modelRef: `${conn.name}/${modelId}`,
    connectionName: conn.name,
    promptSlug: prompt?.slug ?? null,
    versionNumber: version?.number ?? null,
    errorKind: outcome.ok ? null : outcome.failure.kind,
    attempts: outcome.attempts,
  };
}

function withoutIndex<T extends { index: number }>(row: T): Omit<T, "index"> {
  const { index: _index, ...rest } = row;
  return rest;
}
