/*
 * Public list prices, USD per 1M tokens (input / output), standard tier, no batch or cache discounts. Where a provider
 * charges more above a prompt size (Gemini 1.5 Pro above 128k, 2.5 Pro above 200k tokens), the lower tier is listed.
 * Taken from the providers' pricing pages as we knew them on PRICES_TAKEN_ON; prices change, which is why each
 * workspace gets its own editable copy (model_price), seeded from this table on first read. Client-safe.
 */
export const PRICES_TAKEN_ON = "2025-07-01";

export interface ListPrice {
  provider: "openai" | "anthropic" | "google";
  inputPerMillion: number;
  outputPerMillion: number;
}

export const LIST_PRICES: Readonly<Record<string, ListPrice>> = {
  // OpenAI
  "gpt-4o": { provider: "openai", inputPerMillion: 2.5, outputPerMillion: 10 },
  "gpt-4o-mini": { provider: "openai", inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "gpt-4.1": { provider: "openai", inputPerMillion: 2, outputPerMillion: 8 },
  "gpt-4.1-mini": { provider: "openai", inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1-nano": { provider: "openai", inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "o3-mini": { provider: "openai", inputPerMillion: 1.1, outputPerMillion: 4.4 },
  // Anthropic
  "claude-3-5-haiku-latest": { provider: "anthropic", inputPerMillion: 0.8, outputPerMillion: 4 },
  "claude-3-7-sonnet-latest": { provider: "anthropic", inputPerMillion: 3, outputPerMillion: 15 },
  "claude-sonnet-4": { provider: "anthropic", inputPerMillion: 3, outputPerMillion: 15 },
  "claude-opus-4": { provider: "anthropic", inputPerMillion: 15, outputPerMillion: 75 },
  // Google
  "gemini-2.0-flash": { provider: "google", inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "gemini-1.5-pro": { provider: "google", inputPerMillion: 1.25, outputPerMillion: 5 },
  "gemini-2.5-pro": { provider: "google", inputPerMillion: 1.25, outputPerMillion: 10 },
  "gemini-2.5-flash": { provider: "google", inputPerMillion: 0.3, outputPerMillion: 2.5 },
};
