import { invalidInput } from "@/lib/errors";
import type { PromptContent } from "./types";

export type SecretKind = "OpenAI API key" | "Anthropic API key" | "AWS access key" | "GitHub token" | "Slack token" | "Private key";
/** Where a secret was found; never the secret itself, since findings end up in error messages and logs. */
export interface SecretFinding {
  kind: SecretKind;
  where: string;
}

interface Detector {
  kind: SecretKind;
  re: RegExp;
  /** Extra check on the match, to keep hyphenated prose ("sk-learn-based-pipeline-tutorial") from matching. */
  accept?: (match: string) => boolean;
}

// A bare "sk-" is only a key if the rest looks like one: one long unbroken run (legacy keys are 48 alphanumerics) or
// a mix of letters and digits. Hyphenated prose ("sk-this-is-a-long-phrase", "sk-2024-annual-report") is neither.
const looksLikeKey = (s: string) =>
  /^sk-(?:proj|svcacct|admin)-/.test(s) || /[A-Za-z0-9]{20,}/.test(s) || (/\d/.test(s) && /[A-Za-z]/.test(s) && /[A-Za-z0-9]{12,}/.test(s));

// Lookbehinds stop matches inside longer identifiers ("task-..."), so only tokens that start a word count.
const DETECTORS: Detector[] = [
  { kind: "Anthropic API key", re: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g },
  {
    kind: "OpenAI API key",
    re: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}/g,
    accept: looksLikeKey,
  },
  { kind: "AWS access key", re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/g },
  { kind: "GitHub token", re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  // Real Slack tokens always carry numeric team/user ids.
  { kind: "Slack token", re: /(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}/g, accept: (m) => /\d/.test(m) },
  { kind: "Private key", re: /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/g },
];

function kindsIn(text: string): SecretKind[] {
  const kinds: SecretKind[] = [];
  for (const d of DETECTORS) {
    if ([...text.matchAll(d.re)].some((m) => !d.accept || d.accept(m[0]))) kinds.push(d.kind);
  }
  return kinds;
}

function scanLines(text: string, where: string, out: SecretFinding[]): void {
  text.split("\n").forEach((line, i) => {
    for (const kind of kindsIn(line)) out.push({ kind, where: `${where} line ${i + 1}` });
  });
}

/** `config.stop[0]`, `config.responseSchema.properties["user-id"]`; a key that is itself a secret is redacted. */
function keySegment(key: string): string {
  if (kindsIn(key).length) return "[<redacted key>]";
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function scanValue(value: unknown, path: string, out: SecretFinding[], depth = 0): void {
  if (depth > 100) return; // Deeper than any valid config; the size limits reject it elsewhere.
  if (typeof value === "string") {
    for (const kind of kindsIn(value)) out.push({ kind, where: path });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => scanValue(item, `${path}[${i}]`, out, depth + 1));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      for (const kind of kindsIn(key)) out.push({ kind, where: `${path} (a property name)` });
      scanValue(item, path + keySegment(key), out, depth + 1);
    }
  }
}

/** Finds credentials pasted into a prompt or its config. */
export function scanForSecrets(content: PromptContent, config: unknown): SecretFinding[] {
  const out: SecretFinding[] = [];
  if (typeof content === "string") scanLines(content, "content", out);
  else if (Array.isArray(content)) content.forEach((m, i) => scanLines(String(m?.content ?? ""), `message ${i + 1} (${m?.role})`, out));
  scanValue(config, "config", out);
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(`${f.kind}\u0000${f.where}`) && !!seen.add(`${f.kind}\u0000${f.where}`));
}

const article = (kind: SecretKind) => (kind === "Private key" ? "a private key" : /^[AEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`);

/** Throws invalidInput listing every finding (kind and place, never the value). */
export function assertNoSecrets(content: PromptContent, config: unknown): void {
  const findings = scanForSecrets(content, config);
  if (!findings.length) return;
  const shown = findings.slice(0, 10).map((f) => `${article(f.kind)} in ${f.where}`);
  if (findings.length > 10) shown.push(`${findings.length - 10} more`);
  throw invalidInput(`Refusing to commit: found ${shown.join(", ")}. Remove secrets from prompts; use variables for them at run time.`);
}
