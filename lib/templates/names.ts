import { invalidInput } from "@/lib/errors";
import type { Include } from "./types";

/*
 * Slug and label rules live here (not in lib/prompts) because `{{> slug@label}}` must accept exactly the names a
 * prompt can have; the zod schemas in lib/prompts/pure reuse these so the two can never drift apart.
 */
export const SLUG_MAX_LENGTH = 120;
export const LABEL_MAX_LENGTH = 36;
const SLUG_RE = /^[a-z0-9][a-z0-9\-_/]*$/;
const LABEL_RE = /^[a-z0-9_.-]{1,36}$/;

/** Why `slug` is not a valid prompt slug, or null when it is. */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return "Slug is empty.";
  if (slug.length > SLUG_MAX_LENGTH) return `Slug must be at most ${SLUG_MAX_LENGTH} characters (got ${slug.length}).`;
  if (!/^[a-z0-9]/.test(slug)) return `Slug "${slug}" must start with a lowercase letter or digit.`;
  if (!SLUG_RE.test(slug)) {
    const bad = [...new Set([...slug].filter((c) => !/[a-z0-9\-_/]/.test(c)))].map((c) => JSON.stringify(c)).join(", ");
    return `Slug "${slug}" contains ${bad}: use lowercase letters, digits, "-", "_" and "/".`;
  }
  if (slug.includes("//")) return `Slug "${slug}" contains an empty path segment ("//").`;
  if (slug.endsWith("/")) return `Slug "${slug}" must not end with "/".`;
  return null;
}

/** Why `label` is not a well-formed label name, or null. Says nothing about reserved names (`latest` is referenceable). */
export function labelProblem(label: string): string | null {
  if (LABEL_RE.test(label)) {
    // "." and ".." would be read as path segments in label URLs.
    return /^\.+$/.test(label) ? `Label "${label}" must contain a letter, digit, "-" or "_".` : null;
  }
  if (label.length === 0) return "Label is empty.";
  if (label.length > LABEL_MAX_LENGTH) return `Label must be at most ${LABEL_MAX_LENGTH} characters (got ${label.length}).`;
  return `Label "${label}" may only contain lowercase letters, digits, "_", "." and "-".`;
}

/** Parses the inside of `{{> ...}}`; throws invalidInput naming the reference when it is not `slug` or `slug@label`. */
export function parseInclude(raw: string): Include {
  const at = raw.indexOf("@");
  const slug = at === -1 ? raw : raw.slice(0, at);
  const label = at === -1 ? undefined : raw.slice(at + 1);
  const problem = slugProblem(slug) ?? (label === undefined ? null : labelProblem(label));
  if (problem) throw invalidInput(`Invalid component reference {{> ${raw}}}: ${problem} Use {{> slug}} or {{> slug@label}}.`);
  return label === undefined ? { slug, raw } : { slug, label, raw };
}
