import "server-only";
import { streamText, type LanguageModel, type ModelMessage } from "ai";
import { CallTimeoutError, describeProviderError, type FailureContext, type ProviderFailure } from "@/lib/providers";

export interface ModelParams {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before attempt n+1: base * 2^(n-1), with jitter (50-100%). */
  baseDelayMs: number;
  /** A Retry-After longer than this ends the retries instead of waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 250, maxRetryAfterMs: 10_000 };
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface CallModelInput {
  model: LanguageModel;
  messages: ModelMessage[];
  params: ModelParams;
  /** No first token (or no next chunk) within this long: the call is abandoned as timed out. */
  timeoutMs: number;
  retry: RetryPolicy;
  failure: Omit<FailureContext, "attempts" | "timeoutMs">;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
}

interface Timing {
  text: string;
  attempts: number;
  /** From the first attempt's start, retries and backoff included: what the caller waited. */
  latencyMs: number;
  ttftMs: number | null;
}

export type CallOutcome =
  | (Timing & { ok: true; inputTokens: number | null; outputTokens: number | null; finishReason: string })
  | (Timing & { ok: false; failure: ProviderFailure });

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * One model call through the AI SDK, streamed (for time to first token and live output). The SDK's own retries are
 * off (maxRetries: 0): ours retry 429, 5xx and dropped connections with exponential backoff and jitter, honouring
 * Retry-After up to a cap, and only while nothing has been streamed (a retry after output would duplicate it).
 */
export async function callModel(input: CallModelInput): Promise<CallOutcome> {
  const { retry, timeoutMs, signal, onDelta } = input;
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  let attempts = 0;
  let text = "";
  let ttftMs: number | null = null;

  for (;;) {
    attempts++;
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(signal!.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    let timer = setTimeout(() => controller.abort(new CallTimeoutError(timeoutMs)), timeoutMs);
    const stillAlive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new CallTimeoutError(timeoutMs)), timeoutMs);
    };

    let error: unknown;
    let usage: { inputTokens?: number; outputTokens?: number } | undefined;
    let finishReason = "unknown";
    try {
      const result = streamText({
        model: input.model,
        messages: input.messages,
        // The prompt's own system messages, written by its authors.
        allowSystemInMessages: true,
        maxRetries: 0,
        abortSignal: controller.signal,
        temperature: input.params.temperature,
        maxOutputTokens: input.params.maxTokens,
        topP: input.params.topP,
        stopSequences: input.params.stop,
        // Errors arrive as "error" parts below; without this the SDK would also print them.
        onError: () => {},
      });
      for await (const part of result.fullStream) {
        if (part.type === "text-delta") {
          if (!part.text) continue;
          ttftMs ??= since();
          text += part.text;
          stillAlive();
          onDelta?.(part.text);
        } else if (part.type === "error") {
          error = part.error;
          break;
        } else if (part.type === "abort") {
          error = controller.signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
          break;
        } else if (part.type === "finish") {
          usage = part.totalUsage;
          finishReason = part.finishReason;
        } else if (part.type !== "start") {
          stillAlive();
        }
      }
    } catch (e) {
      error = controller.signal.aborted ? controller.signal.reason : e;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onCallerAbort);
    }

    if (error === undefined) {
      return { ok: true, text, attempts, latencyMs: since(), ttftMs, inputTokens: usage?.inputTokens ?? null, outputTokens: usage?.outputTokens ?? null, finishReason };
    }
    const failure: ProviderFailure = signal?.aborted
      ? { kind: "cancelled", retryable: false, message: "The run was cancelled." }
      : describeProviderError(error, { ...input.failure, attempts, timeoutMs });
    const canRetry = failure.retryable && ttftMs === null && attempts < retry.maxAttempts && !signal?.aborted;
    const waitMs = failure.retryAfterMs ?? retry.baseDelayMs * 2 ** (attempts - 1) * (0.5 + Math.random() * 0.5);
    if (!canRetry || (failure.retryAfterMs !== undefined && failure.retryAfterMs > retry.maxRetryAfterMs)) {
      return { ok: false, failure, text, attempts, latencyMs: since(), ttftMs };
    }
    await sleep(waitMs, signal);
  }
}
