/* Pure and client-safe: cost arithmetic and price lookup. */

export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

export interface TokenUsage {
  inputTokens: number | null | undefined;
  outputTokens: number | null | undefined;
}

/** USD: in/1e6 * inPrice + out/1e6 * outPrice. Unknown price or unknown usage -> null (never a made-up 0). */
export function costUsd(usage: TokenUsage, price: Price | null | undefined): number | null {
  if (!price) return null;
  if (usage.inputTokens == null || usage.outputTokens == null) return null;
  return (usage.inputTokens / 1e6) * price.inputPerMillion + (usage.outputTokens / 1e6) * price.outputPerMillion;
}

/** Dated or pinned ids priced like their family: "gpt-4o-2024-08-06" -> "gpt-4o", "claude-sonnet-4-20250514" -> "claude-sonnet-4". */
export function priceKeyCandidates(model: string): string[] {
  const out = [model];
  const m = /^(.+?)-(\d{4}-\d{2}-\d{2}|\d{8}|latest|\d{1,2})$/.exec(model);
  if (m && m[1] !== model) out.push(m[1]!);
  // "claude-3-5-haiku-20241022" is listed as "claude-3-5-haiku-latest".
  if (m && !model.endsWith("-latest")) out.push(`${m[1]}-latest`);
  return out;
}

/** The price for a model id: exact first, then its family (see priceKeyCandidates). */
export function findPrice<P extends Price>(prices: ReadonlyMap<string, P> | Readonly<Record<string, P>>, model: string): P | null {
  const get = (k: string) => (prices instanceof Map ? prices.get(k) : (prices as Record<string, P>)[k]);
  for (const key of priceKeyCandidates(model)) {
    const p = get(key);
    if (p) return p;
  }
  return null;
}
