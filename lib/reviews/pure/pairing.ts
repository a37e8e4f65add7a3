import { canonicalJson } from "@/lib/hash/pure";

/** What pairing needs to know of a generation. */
export interface PairCandidate {
  id: string;
  promptId: string | null;
  promptVersionId: string | null;
  model: string;
  variables: Record<string, unknown>;
  createdAt: Date;
}

/** Two generations answer "the same input" when they ran the same prompt with the same variables. */
export function sameInputKey(g: Pick<PairCandidate, "promptId" | "variables">): string | null {
  if (!g.promptId) return null;
  return `${g.promptId}|${canonicalJson(g.variables ?? {})}`;
}

/** What is being compared: a version on a model. Two sides of a pair must differ in at least one of them. */
export const armKey = (g: Pick<PairCandidate, "promptVersionId" | "model">) => `${g.promptVersionId ?? "draft"}|${g.model}`;

/** Items store the pair in one canonical order, so (a, b) and (b, a) are the same item; `swapped` randomises display. */
export function orderPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * Pairs hand-picked generations for a pairwise queue: within each group of the same input, oldest first, each
 * generation is paired with the next unused one from a different arm (version or model). Returns the pairs and the
 * generations left without a partner, each with the reason.
 */
export function pairGenerations(gens: readonly PairCandidate[]): { pairs: [string, string][]; unpaired: { id: string; reason: string }[] } {
  const groups = new Map<string, PairCandidate[]>();
  const unpaired: { id: string; reason: string }[] = [];
  for (const g of gens) {
    const key = sameInputKey(g);
    if (!key) {
      unpaired.push({ id: g.id, reason: "It belongs to no prompt, so there is no same input to compare it with." });
      continue;
    }
    const list = groups.get(key) ?? [];
    list.push(g);
    groups.set(key, list);
  }
  const pairs: [string, string][] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1));
    const used = new Set<string>();
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      if (used.has(a.id)) continue;
      const b = sorted.slice(i + 1).find((c) => !used.has(c.id) && armKey(c) !== armKey(a));
      if (!b) continue;
      used.add(a.id);
      used.add(b.id);
      pairs.push(orderPair(a.id, b.id));
    }
    for (const g of sorted) {
      if (!used.has(g.id)) unpaired.push({ id: g.id, reason: "No other selected output has the same prompt and variables from a different version or model." });
    }
  }
  return { pairs, unpaired };
}
