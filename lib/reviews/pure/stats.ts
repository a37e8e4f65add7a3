/**
 * Review statistics, pure and client-safe: Wilson score intervals for rates, Cohen's kappa (exactly two raters) and
 * Fleiss' kappa (more raters, per-item rating counts may differ) for inter-rater agreement, with the Landis & Koch
 * reading of a kappa.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface RateInterval {
  /** Successes / n; null when n = 0. */
  rate: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/**
 * Wilson score interval for `successes` out of `n` (successes may be fractional, e.g. ties counted as half a win).
 * n = 0 has no rate and no interval.
 */
export function wilson(successes: number, n: number, z = Z95): RateInterval {
  if (!(n > 0)) return { rate: null, low: null, high: null, n: 0 };
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { rate: p, low: Math.max(0, center - half), high: Math.min(1, center + half), n };
}

export interface KappaResult {
  /** null when undefined: no items, or chance agreement is 1 (every rating in one category). */
  kappa: number | null;
  /** Observed agreement (Cohen: share of items both gave the same rating; Fleiss: mean pairwise agreement). */
  observed: number | null;
  /** Agreement expected by chance. */
  expected: number | null;
  /** Items that entered the computation. */
  items: number;
}

/** Cohen's kappa for two raters; `pairs` holds one [rater1, rater2] rating per item both rated. */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { kappa: null, observed: null, expected: null, items: 0 };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [cat, ca] of a) expected += (ca / n) * ((b.get(cat) ?? 0) / n);
  return { kappa: kappaOf(observed, expected), observed, expected, items: n };
}

/**
 * Fleiss' kappa; `items` holds each item's ratings (one category per rating). Items with fewer than two ratings are
 * ignored. Uses the per-item agreement P_i = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1)), which reduces to Fleiss (1971)
 * when every item has the same number of ratings.
 */
export function fleissKappa(items: readonly (readonly string[])[]): KappaResult {
  const rated = items.filter((r) => r.length >= 2);
  if (rated.length === 0) return { kappa: null, observed: null, expected: null, items: 0 };
  const totals = new Map<string, number>();
  let total = 0;
  let sumP = 0;
  for (const ratings of rated) {
    const counts = new Map<string, number>();
    for (const r of ratings) counts.set(r, (counts.get(r) ?? 0) + 1);
    const ni = ratings.length;
    let sq = 0;
    for (const [cat, c] of counts) {
      sq += c * c;
      totals.set(cat, (totals.get(cat) ?? 0) + c);
    }
    total += ni;
    sumP += (sq - ni) / (ni * (ni - 1));
  }
  const observed = sumP / rated.length;
  let expected = 0;
  for (const c of totals.values()) expected += (c / total) ** 2;
  return { kappa: kappaOf(observed, expected), observed, expected, items: rated.length };
}

function kappaOf(observed: number, expected: number): number | null {
  // 1 - expected = 0: every rating fell in one category, so agreement beyond chance is undefined (0 / 0).
  if (1 - expected < 1e-12) return null;
  return (observed - expected) / (1 - expected);
}

export type AgreementStrength = "poor" | "slight" | "fair" | "moderate" | "substantial" | "almost perfect";

/** Landis & Koch (1977): < 0 poor, 0-.20 slight, .21-.40 fair, .41-.60 moderate, .61-.80 substantial, .81-1 almost perfect. */
export function kappaStrength(kappa: number): AgreementStrength {
  if (kappa < 0) return "poor";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}

/** "moderate agreement (κ = 0.52)"; explains the undefined cases in words. */
export function describeKappa(k: KappaResult): string {
  if (k.items === 0) return "Not enough data: no item has two or more reviews yet.";
  if (k.kappa === null) return "Undefined: every rating fell in the same category, so agreement beyond chance cannot be measured.";
  const s = kappaStrength(k.kappa);
  return `${s[0]!.toUpperCase()}${s.slice(1)} agreement (κ = ${k.kappa.toFixed(2)})`;
}
