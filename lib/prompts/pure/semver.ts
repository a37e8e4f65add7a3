import { invalidInput } from "@/lib/errors";

export type Bump = "major" | "minor" | "patch" | "none";
export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Strict MAJOR.MINOR.PATCH: no "v" prefix, no leading zeros, no pre-release or build suffix. */
export function parseSemver(text: string): Semver {
  const m = typeof text === "string" ? SEMVER_RE.exec(text) : null;
  const parts = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
  if (!m || !parts.every(Number.isSafeInteger)) {
    throw invalidInput(`Invalid version ${JSON.stringify(text)}: use MAJOR.MINOR.PATCH, for example 1.4.0 (no "v" prefix, no pre-release tag).`);
  }
  const [major, minor, patch] = parts as [number, number, number];
  return { major, minor, patch };
}

const format = (v: Semver) => `${v.major}.${v.minor}.${v.patch}`;

/** Negative, zero or positive, like a sort comparator. */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  return Math.sign(x.major - y.major || x.minor - y.minor || x.patch - y.patch);
}

/** The version after `prev` for `bump`; the first version is always 1.0.0. "none" keeps `prev`. */
export function nextSemver(prev: string | null, bump: Bump): string {
  if (prev === null) return "1.0.0";
  const v = parseSemver(prev);
  switch (bump) {
    case "major":
      return format({ major: v.major + 1, minor: 0, patch: 0 });
    case "minor":
      return format({ major: v.major, minor: v.minor + 1, patch: 0 });
    case "patch":
      return format({ major: v.major, minor: v.minor, patch: v.patch + 1 });
    case "none":
      return format(v);
  }
}

/**
 * Authors may pick their own version, but only at or above the suggestion: a lower one would let a breaking change
 * (new variable, new output schema) ship under a version consumers treat as compatible. Returns the accepted version.
 */
export function checkAuthorSemver(prev: string | null, suggested: Bump | { bump: Bump; reason: string }, author: string): string {
  const { bump, reason } = typeof suggested === "string" ? { bump: suggested, reason: `${suggested} change` } : suggested;
  const minimum = nextSemver(prev, bump);
  const chosen = format(parseSemver(author));
  if (compareSemver(chosen, minimum) < 0) {
    throw invalidInput(`Version ${chosen} is lower than the suggested ${minimum} (${reason}); you may only bump higher.`);
  }
  // Only reachable with bump "none": reusing the previous number would make two versions share a semver.
  if (prev !== null && compareSemver(chosen, prev) <= 0) {
    throw invalidInput(`Version ${chosen} must be higher than the previous version ${format(parseSemver(prev))}.`);
  }
  return chosen;
}
