import { canonicalJson } from "./canonical-json";
import type { Bump } from "./semver";
import type { PromptContent, VersionShape } from "./types";

export interface DiffSummary {
  variablesAdded: string[];
  variablesRemoved: string[];
  /** Config keys whose value differs (responseSchema included), sorted. */
  configChanged: string[];
  contentChanged: boolean;
  /** Content differs, but only in whitespace (runs collapsed, ends trimmed). */
  whitespaceOnly: boolean;
  responseSchemaChanged: boolean;
  bump: Bump;
  reason: string;
}

// undefined (absent key) and a present value must differ, and canonicalJson refuses undefined.
const canon = (value: unknown) => (value === undefined ? "" : canonicalJson(value));
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

function sameIgnoringWhitespace(a: PromptContent, b: PromptContent): boolean {
  if (typeof a === "string" || typeof b === "string") return typeof a === typeof b && squash(a as string) === squash(b as string);
  return a.length === b.length && a.every((m, i) => m.role === b[i]!.role && squash(m.content) === squash(b[i]!.content));
}

/**
 * What changed between two versions and the bump it calls for. Breaking for callers (major): a variable added or
 * removed, or a different output schema. Anything else the model sees (minor): content or other config. Formatting
 * only (patch): whitespace.
 */
export function diffSummary(prev: VersionShape | null, next: VersionShape): DiffSummary {
  const before = new Set(prev?.variables ?? []);
  const after = new Set(next.variables);
  const variablesAdded = [...after].filter((v) => !before.has(v)).sort();
  const variablesRemoved = [...before].filter((v) => !after.has(v)).sort();
  const prevConfig: Record<string, unknown> = { ...prev?.config };
  const nextConfig: Record<string, unknown> = { ...next.config };
  const keys = [...new Set([...Object.keys(prevConfig), ...Object.keys(nextConfig)])].sort();
  const configChanged = keys.filter((k) => canon(prevConfig[k]) !== canon(nextConfig[k]));
  const contentChanged = !prev || canon(prev.content) !== canon(next.content);
  const whitespaceOnly = !!prev && contentChanged && sameIgnoringWhitespace(prev.content, next.content);
  const responseSchemaChanged = configChanged.includes("responseSchema");
  const facts = { variablesAdded, variablesRemoved, configChanged, contentChanged, whitespaceOnly, responseSchemaChanged };
  return { ...facts, ...(prev ? classify(facts) : { bump: "major", reason: "first version" }) };
}

function classify(d: Omit<DiffSummary, "bump" | "reason">): { bump: Bump; reason: string } {
  const major: string[] = [];
  const vars = [d.variablesAdded.length ? `added: ${d.variablesAdded.join(", ")}` : "", d.variablesRemoved.length ? `removed: ${d.variablesRemoved.join(", ")}` : ""];
  if (vars.some(Boolean)) major.push(`variables ${vars.filter(Boolean).join("; ")}`);
  if (d.responseSchemaChanged) major.push("response schema changed");
  if (major.length) return { bump: "major", reason: major.join("; ") };

  const minor: string[] = [];
  if (d.contentChanged && !d.whitespaceOnly) minor.push("content changed");
  if (d.configChanged.length) minor.push(`config changed: ${d.configChanged.join(", ")}`);
  if (minor.length) return { bump: "minor", reason: minor.join("; ") };
  if (d.contentChanged) return { bump: "patch", reason: "whitespace only" };
  return { bump: "none", reason: "no changes" };
}
