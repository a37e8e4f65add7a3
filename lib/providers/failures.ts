import "server-only";
import { APICallError } from "ai";

/*
 * Turns whatever a model call threw (AI SDK APICallError, fetch/network errors, our own guard and timeout errors) into
 * one typed failure with a message a person can act on. Never echoes the API key: callers pass it to be scrubbed from
 * provider messages, which sometimes quote part of it.
 */

export const PROVIDER_FAILURE_KINDS = [
  "auth",
  "rate_limited",
  "timeout",
  "model_not_found",
  "unreachable",
  "blocked_url",
  "bad_request",
  "provider_error",
  "cancelled",
] as const;
export type ProviderFailureKind = (typeof PROVIDER_FAILURE_KINDS)[number];

export interface ProviderFailure {
  kind: ProviderFailureKind;
  message: string;
  /** Worth another attempt (429, 5xx, a dropped connection) if nothing was streamed yet. */
  retryable: boolean;
  /** From Retry-After / retry-after-ms, when the provider sent one. */
  retryAfterMs?: number;
  statusCode?: number;
}

export interface FailureContext {
  connection: string;
  model?: string;
  /** The base URL requests go to (the connection's, or the provider's official one). */
  baseUrl: string;
  timeoutMs?: number;
  attempts?: number;
  /** Scrubbed from any provider text we quote. */
  secret?: string | null;
}

/** Thrown by the guarded fetch when a request URL is refused (SSRF) or cannot be resolved. */
export class BlockedUrlError extends Error {
  constructor(
    message: string,
    readonly reason: "dns" | "refused" | "redirect",
  ) {
    super(message);
    this.name = "BlockedUrlError";
  }
}

/** The abort reason we use for our own timeouts, so they are not mistaken for a caller's cancel. */
export class CallTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = "CallTimeoutError";
  }
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 1 : 0)} s`;
}

function scrub(text: string, secret?: string | null): string {
  // Scrub before truncating, so a key cut in half by the truncation cannot slip through.
  const out = secret && secret.length >= 4 ? text.split(secret).join("••••") : text;
  return (out.length > 300 ? `${out.slice(0, 300)}…` : out).trim();
}

/** The provider's own error text from a JSON (or plain) error body. */
export function providerMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = json.error;
    if (typeof e === "string") return e;
    if (e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
    if (typeof json.message === "string") return json.message;
    if (typeof json.detail === "string") return json.detail;
  } catch {
    // not JSON
  }
  return body.trim() ? body : undefined;
}

export function retryAfterMsFrom(headers: Record<string, string> | Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : (headers[name] ?? headers[name.toLowerCase()])) ?? undefined;
  const ms = get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = get("retry-after");
  if (!after) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after)) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ConnectionRefused: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found (DNS lookup failed)",
  ECONNRESET: "connection reset",
  ConnectionClosed: "connection closed",
  EPIPE: "connection closed",
  UND_ERR_SOCKET: "connection closed",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "the server sent no response headers in time",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};
const PERMANENT_NETWORK = new Set(["ENOTFOUND"]);

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur: unknown = error, depth = 0; cur && depth < 8; depth++) {
    out.push(cur);
    if (cur instanceof AggregateError) out.push(...cur.errors);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

function networkCode(error: unknown): string | undefined {
  for (const c of causes(error)) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  return causes(error).some((c) => c instanceof Error && (c.name === "AbortError" || c.name === "TimeoutError"));
}

/** A failure from an HTTP status and body: shared by model calls and the connection test. */
export function describeHttpFailure(status: number, body: string | undefined, headers: Record<string, string> | Headers | undefined, ctx: FailureContext): ProviderFailure {
  const said = providerMessage(body);
  // Without its final period: we quote it inside our own sentence.
  const detail = said ? `: ${scrub(said, ctx.secret).replace(/[.\s]+$/, "")}` : "";
  const attempts = ctx.attempts ?? 1;
  const after = attempts > 1 ? ` after ${attempts} attempts` : "";
  if (status === 401 || status === 403) {
    return { kind: "auth", statusCode: status, retryable: false, message: `The provider rejected the API key of connection ${ctx.connection} (HTTP ${status}${detail}).` };
  }
  if (status === 429) {
    const retryAfterMs = retryAfterMsFrom(headers);
    return {
      kind: "rate_limited",
      statusCode: status,
      retryable: true,
      retryAfterMs,
      message: `Connection ${ctx.connection} was rate limited by the provider${attempts > 1 ? after : ` (${attempts} attempt)`}${retryAfterMs !== undefined ? `; it asks to wait ${formatSeconds(retryAfterMs)}` : ""}${detail ? ` (${detail.slice(2)})` : ""}.`,
    };
  }
  if (status === 404) {
    const aboutModel = /model/i.test(said ?? "") || /model_not_found/.test(body ?? "");
    if (ctx.model && aboutModel) {
      return { kind: "model_not_found", statusCode: status, retryable: false, message: `Model '${ctx.model}' not found on connection ${ctx.connection}${detail ? ` (${detail.slice(2)})` : ""}.` };
    }
    return {
      kind: "model_not_found",
      statusCode: status,
      retryable: false,
      message: `Connection ${ctx.connection} answered 404 Not Found${ctx.model ? ` for model '${ctx.model}'` : ""}; check its base URL ${ctx.baseUrl} (OpenAI-compatible servers usually end in /v1)${ctx.model ? " and the model id" : ""}.`,
    };
  }
  if (status >= 500 || status === 408) {
    return { kind: "provider_error", statusCode: status, retryable: true, message: `The provider of connection ${ctx.connection} failed with HTTP ${status}${after}${detail}.` };
  }
  return { kind: "bad_request", statusCode: status, retryable: false, message: `The provider of connection ${ctx.connection} rejected the request (HTTP ${status}${detail}).` };
}

/** Classifies anything a model call threw or streamed as an error part. */
export function describeProviderError(error: unknown, ctx: FailureContext): ProviderFailure {
  const all = causes(error);
  const timeout = all.find((c) => c instanceof CallTimeoutError) as CallTimeoutError | undefined;
  if (timeout) {
    return { kind: "timeout", retryable: false, message: `No response from ${ctx.connection}/${ctx.model ?? "model"} within ${formatSeconds(ctx.timeoutMs ?? timeout.timeoutMs)}.` };
  }
  const blocked = all.find((c) => c instanceof BlockedUrlError) as BlockedUrlError | undefined;
  if (blocked) {
    if (blocked.reason === "dns") return { kind: "unreachable", retryable: false, message: `Could not reach ${ctx.baseUrl}: ${blocked.message}.` };
    return { kind: "blocked_url", retryable: false, message: blocked.message };
  }
  const api = all.find((c) => APICallError.isInstance(c)) as APICallError | undefined;
  if (api?.statusCode !== undefined) return describeHttpFailure(api.statusCode, api.responseBody ?? JSON.stringify({ error: { message: api.message } }), api.responseHeaders, ctx);
  const code = networkCode(error);
  if (code && (NETWORK_REASONS[code] || /^(E[A-Z]+|UND_ERR_\w+|CERT_\w+|ERR_TLS\w*)$/.test(code))) {
    const tls = /CERT|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
    const reason = NETWORK_REASONS[code] ?? (tls ? `TLS certificate not trusted (${code})` : code);
    const attempts = ctx.attempts ?? 1;
    return {
      kind: "unreachable",
      retryable: !tls && !PERMANENT_NETWORK.has(code),
      message: `Could not reach ${ctx.baseUrl}: ${reason}${attempts > 1 ? ` (${attempts} attempts)` : ""}.`,
    };
  }
  if (isAbort(error)) return { kind: "cancelled", retryable: false, message: "The run was cancelled." };
  const message = error instanceof Error ? error.message : String(error);
  if (api) {
    // An APICallError without a status: the request never got an answer.
    return { kind: "unreachable", retryable: api.isRetryable, message: `Could not reach ${ctx.baseUrl}: ${scrub(message.replace(/^Cannot connect to API:\s*/, ""), ctx.secret)}.` };
  }
  return { kind: "provider_error", retryable: false, message: `The call to ${ctx.connection}/${ctx.model ?? "model"} failed: ${scrub(message, ctx.secret)}` };
}
