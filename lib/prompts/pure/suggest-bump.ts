import { diffSummary } from "./diff-summary";
import type { Bump } from "./semver";
import type { VersionShape } from "./types";

/** The semver bump a new version warrants relative to `prev` (null: first version, major -> 1.0.0). */
export function suggestBump(prev: VersionShape | null, next: VersionShape): { bump: Bump; reason: string } {
  const { bump, reason } = diffSummary(prev, next);
  return { bump, reason };
}
