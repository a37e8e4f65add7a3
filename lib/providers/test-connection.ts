import "server-only";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { invalidInput } from "@/lib/errors";
import { CallTimeoutError, describeHttpFailure, describeProviderError, formatSeconds } from "./failures";
import { guardedFetch } from "./guarded-fetch";
import { connectionApiKey, effectiveBaseUrl, getConnectionByName, loadModelSettings, normalizeBaseUrl } from "./internal";
import { KEY_REQUIRED, PROVIDER_KIND_LABELS, type ProviderKind } from "./presets";
import { TestConnectionInput } from "./schemas";
import type { Resolver } from "./ssrf";

export interface ConnectionTestResult {
  ok: boolean;
  /** What happened, for a person: "Connected to ... in 42 ms; 3 models available: ..." or why not. */
  message: string;
  latencyMs: number;
  /** Model ids the server listed, when it did. */
  models?: string[];
}

const MODELS_SHOWN = 5;

function authHeaders(kind: ProviderKind, apiKey: string | null): Record<string, string> {
  if (!apiKey) return {};
  if (kind === "anthropic") return { "x-api-key": apiKey, "anthropic-version": "2023-06-01" };
  if (kind === "google") return { "x-goog-api-key": apiKey };
  return { authorization: `Bearer ${apiKey}` };
}

function modelIds(kind: ProviderKind, body: unknown): string[] {
  const list = kind === "google" ? (body as { models?: unknown })?.models : (body as { data?: unknown })?.data;
  if (!Array.isArray(list)) return [];
  return list
    .map((m) => (kind === "google" ? String((m as { name?: unknown }).name ?? "").replace(/^models\//, "") : String((m as { id?: unknown }).id ?? "")))
    .filter(Boolean);
}

/**
 * A tiny real call: lists the provider's models with the connection's key (no tokens spent). Provider failures come
 * back as `{ ok: false, message }`; only bad input, permissions and unknown connections throw.
 */
export async function testConnection({
  ctx,
  input,
  resolver,
  timeoutMs = 10_000,
}: {
  ctx: WorkspaceCtx;
  input: TestConnectionInput;
  resolver?: Resolver;
  timeoutMs?: number;
}): Promise<ConnectionTestResult> {
  authorize(ctx, "providers:manage");
  const data = TestConnectionInput.parse(input);
  let target: { name: string; kind: ProviderKind; baseUrl: string | null; apiKey: string | null };
  if ("kind" in data) {
    if (data.kind === "openai-compatible" && !data.baseUrl) throw invalidInput("baseUrl is required for an OpenAI-compatible connection.");
    if (KEY_REQUIRED[data.kind] && !data.apiKey) throw invalidInput(`apiKey is required for ${PROVIDER_KIND_LABELS[data.kind]} connections.`);
    target = { name: data.name || "(new)", kind: data.kind, baseUrl: data.baseUrl ? normalizeBaseUrl(data.baseUrl) : null, apiKey: data.apiKey ?? null };
  } else {
    const conn = await getConnectionByName(ctx.db, ctx.workspace.id, data.name);
    target = { name: conn.name, kind: conn.kind, baseUrl: conn.baseUrl, apiKey: connectionApiKey(conn) };
  }
  return probeModels(ctx, target, { resolver, timeoutMs });
}

type ProbeTarget = { name: string; kind: ProviderKind; baseUrl: string | null; apiKey: string | null };

/** GET <base>/models with the connection's key: what the provider says it serves, or why it would not say. */
export async function probeModels(ctx: WorkspaceCtx, target: ProbeTarget, { resolver, timeoutMs }: { resolver?: Resolver; timeoutMs: number }): Promise<ConnectionTestResult> {
  const base = effectiveBaseUrl(target);
  const { allowPrivateEndpoints } = await loadModelSettings(ctx.db, ctx.workspace.id);
  const doFetch = guardedFetch({ allowPrivate: allowPrivateEndpoints, resolver, label: base });
  const failCtx = { connection: target.name, baseUrl: base, secret: target.apiKey, timeoutMs };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CallTimeoutError(timeoutMs)), timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await doFetch(`${base}/models`, { headers: { accept: "application/json", ...authHeaders(target.kind, target.apiKey) }, signal: controller.signal });
    const text = await res.text();
    const latencyMs = elapsed();
    if (!res.ok) return { ok: false, latencyMs, message: describeHttpFailure(res.status, text, res.headers, failCtx).message };
    let models: string[] = [];
    try {
      models = modelIds(target.kind, JSON.parse(text));
    } catch {
      return { ok: false, latencyMs, message: `${base}/models answered HTTP ${res.status} but not with JSON; is this the API's base URL (usually ending in /v1)?` };
    }
    const shown = models.slice(0, MODELS_SHOWN).join(", ") + (models.length > MODELS_SHOWN ? ", …" : "");
    return {
      ok: true,
      latencyMs,
      models,
      message: `Connected to ${base} in ${latencyMs} ms; ${models.length} model${models.length === 1 ? "" : "s"} available${models.length ? `: ${shown}` : ""}.`,
    };
  } catch (e) {
    const reason = controller.signal.reason instanceof CallTimeoutError ? controller.signal.reason : e;
    const failure = describeProviderError(reason, failCtx);
    const message = failure.kind === "timeout" ? `No answer from ${base} within ${formatSeconds(timeoutMs)}.` : failure.message;
    return { ok: false, latencyMs: elapsed(), message };
  } finally {
    clearTimeout(timer);
  }
}
