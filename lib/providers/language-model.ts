import "server-only";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { ProviderConnection } from "@/db/schema";
import { invalidInput } from "@/lib/errors";
import { KEY_REQUIRED } from "./presets";

type Fetch = typeof fetch;

/**
 * The AI SDK model for a connection. The key is always passed explicitly: the SDKs fall back to OPENAI_API_KEY etc.
 * from the server's environment, which must never be lent to a workspace.
 */
export function languageModelFor(
  conn: Pick<ProviderConnection, "name" | "kind" | "baseUrl">,
  modelId: string,
  { apiKey, fetch }: { apiKey: string | null; fetch: Fetch },
): LanguageModel {
  if (KEY_REQUIRED[conn.kind] && !apiKey) throw invalidInput(`Connection ${conn.name} has no API key; an admin can add one in Settings.`);
  const baseURL = conn.baseUrl ?? undefined;
  switch (conn.kind) {
    case "openai":
      // Chat Completions rather than the Responses API: every OpenAI-compatible proxy speaks it.
      return createOpenAI({ apiKey: apiKey!, baseURL, fetch }).chat(modelId);
    case "anthropic":
      return createAnthropic({ apiKey: apiKey!, baseURL, fetch })(modelId);
    case "google":
      return createGoogleGenerativeAI({ apiKey: apiKey!, baseURL, fetch })(modelId);
    case "openai-compatible":
      if (!baseURL) throw invalidInput(`Connection ${conn.name} has no base URL.`);
      // includeUsage: without it streamed token usage is undefined.
      return createOpenAICompatible({ name: conn.name, baseURL, apiKey: apiKey ?? undefined, fetch, includeUsage: true }).chatModel(modelId);
  }
}
