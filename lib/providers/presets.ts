import type { ProviderKind } from "@/db/schema/models";

/* Client-safe (types only from db/): the settings UI imports these to offer kinds and local-server presets. */

export type { ProviderKind };

/** Connection names appear in model ids ("<connection>/<model>"), so they are short and URL-safe. */
export const CONNECTION_NAME_RE = /^[a-z0-9][a-z0-9-_]{0,39}$/;

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Google Gemini",
  "openai-compatible": "OpenAI-compatible (Ollama, vLLM, LM Studio, ...)",
};

/** Same tuple as db/schema/models.ts PROVIDER_KINDS (the Record above makes tsc check that every kind is here). */
export const PROVIDER_KINDS = Object.keys(PROVIDER_KIND_LABELS) as [ProviderKind, ...ProviderKind[]];

/** Where each hosted kind is reached when the connection has no base URL of its own. */
export const DEFAULT_BASE_URLS: Record<Exclude<ProviderKind, "openai-compatible">, string> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com/v1",
  google: "https://generativelanguage.googleapis.com/v1beta",
};

/** Kinds that cannot work without an API key. Local OpenAI-compatible servers usually need none. */
export const KEY_REQUIRED: Record<ProviderKind, boolean> = {
  openai: true,
  anthropic: true,
  google: true,
  "openai-compatible": false,
};

export interface ProviderPreset {
  id: string;
  label: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Suggested connection name. */
  name: string;
}

/** Local servers on their default ports; loopback is allowed without the private-endpoints setting. */
export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: "ollama", label: "Ollama", kind: "openai-compatible", baseUrl: "http://localhost:11434/v1", name: "ollama" },
  { id: "vllm", label: "vLLM", kind: "openai-compatible", baseUrl: "http://localhost:8000/v1", name: "vllm" },
  { id: "lmstudio", label: "LM Studio", kind: "openai-compatible", baseUrl: "http://localhost:1234/v1", name: "lmstudio" },
];
