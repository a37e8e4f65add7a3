import type { ProviderKind } from "@/lib/providers/presets";
import { DEFAULT_BASE_URLS, PROVIDER_KIND_LABELS } from "@/lib/providers/presets";

/** A connection as the page hands it to the client: never the key, only its masked hint. */
export type ConnectionRow = {
  id: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string | null;
  hasApiKey: boolean;
  /** "••••abcd", or "••••" when the key was too short to keep a hint; null without a key. */
  apiKeyHint: string | null;
  createdAt: string;
};

export type PriceRow = {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  source: string;
  listPrice: { inputPerMillion: number; outputPerMillion: number; takenOn: string } | null;
};

/** "OpenAI-compatible (Ollama, vLLM, ...)" -> "OpenAI-compatible": the table has no room for the examples. */
export function shortKindLabel(kind: ProviderKind): string {
  return PROVIDER_KIND_LABELS[kind].replace(/\s*\(.*\)$/, "");
}

export function defaultBaseUrl(kind: ProviderKind): string | null {
  return kind === "openai-compatible" ? null : DEFAULT_BASE_URLS[kind];
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });
export const formatUsd = (n: number) => usd.format(n);
