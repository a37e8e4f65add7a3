import { z } from "zod";

/*
 * Shared zod builders for the wire (query strings, path params, JSON bodies). Client-safe: no server-only imports,
 * so wire schemas (lib/<domain>/wire.ts) and the API docs page can use them. Every message names its field, so a
 * 400 says what to fix; the error mapper (lib/http/errors.ts) prefixes the path as well.
 */

/** Postgres int4: versions, limits and offsets live in integer columns; anything larger is a 400, never a 500. */
export const INT4_MAX = 2_147_483_647;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored or compared as text (Postgres rejects NUL; lone surrogates are not UTF-8), or null. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain NUL characters (\\u0000)";
  if (LONE_SURROGATE.test(s)) return "must not contain unpaired UTF-16 surrogates (invalid Unicode)";
  return null;
}

/**
 * The first string in a parsed JSON value (keys included) that cannot be stored, with its path ("variables.name"),
 * or null. readJson runs it on every body, so free-form values (variables, responseSchema) are covered too.
 */
export function findUnsafeText(value: unknown, path: (string | number)[] = [], depth = 0): { path: string; problem: string } | null {
  if (depth > 64) return null; // JSON.parse already bounds depth by the body size; this keeps the walk cheap.
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path: path.join(".") || "body", problem } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeText(value[i], [...path, i], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyProblem = textProblem(k);
      if (keyProblem) return { path: [...path, "(key)"].join("."), problem: keyProblem };
      const hit = findUnsafeText(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * A text field: a string of at most `max` characters (and at least `min`), free of NUL and lone surrogates.
 * `name` goes in the messages ("slug must be at most 200 characters.").
 */
export function safeText(name: string, opts: { max: number; min?: number; trim?: boolean }) {
  const min = opts.min ?? 0;
  const base = z.string({ error: `${name} must be a string.` });
  const trimmed = opts.trim ? base.trim() : base;
  return trimmed
    .min(min, min === 1 ? `${name} must not be empty.` : `${name} must be at least ${min} characters.`)
    .max(opts.max, `${name} must be at most ${opts.max} characters.`)
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: `${name} ${problem}.` });
    });
}

/** A whole number in a JSON body (version, limit): integer, within [min, max] (max defaults to int4). */
export function bodyInt(name: string, opts: { min: number; max?: number }) {
  const max = opts.max ?? INT4_MAX;
  const msg = `${name} must be a whole number between ${opts.min} and ${max}.`;
  return z.number({ error: `${name} must be a number.` }).int(msg).min(opts.min, msg).max(max, msg);
}

/**
 * A whole number from a query string: digits only (no sign, fraction, exponent, "Infinity", hex or blanks), within
 * [min, max]. Documented as an integer parameter with its range.
 */
export function queryInt(name: string, opts: { min: number; max: number; description?: string }) {
  const msg = `${name} must be a whole number between ${opts.min} and ${opts.max}.`;
  return z
    .string()
    .transform((s, ctx) => {
      const n = /^\d{1,10}$/.test(s) ? Number(s) : NaN;
      if (!Number.isInteger(n) || n < opts.min || n > opts.max) {
        ctx.addIssue({ code: "custom", message: msg });
        return z.NEVER;
      }
      return n;
    })
    .meta({ type: "integer", minimum: opts.min, maximum: opts.max, ...(opts.description ? { description: opts.description } : {}) } as Record<string, unknown>);
}

/** "1"/"true" or "0"/"false" in a query string. */
export function queryBool(name: string, description?: string) {
  return z
    .enum(["1", "0", "true", "false"], { error: `${name} must be 1, 0, true or false.` })
    .transform((s) => s === "1" || s === "true")
    .meta(description ? { description } : {});
}

/** Earliest and latest instants we accept: Postgres timestamps go further, but a date outside these is a typo. */
const MIN_DATE = Date.UTC(1970, 0, 1);
const MAX_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An ISO 8601 date-time with a time zone (`2026-03-15T14:47:00Z`), between 1970 and 9999; parsed to a Date. */
export function isoDateTime(name: string, description?: string) {
  const msg = `${name} must be an ISO 8601 date-time between 1970 and 9999 with a time zone, e.g. 2026-03-15T14:47:00Z.`;
  return z
    .string({ error: msg })
    .transform((s, ctx) => {
      const t = isRealDateTime(s) ? Date.parse(s) : NaN;
      if (!Number.isFinite(t) || t < MIN_DATE || t > MAX_DATE) {
        ctx.addIssue({ code: "custom", message: msg });
        return z.NEVER;
      }
      return new Date(t);
    })
    .meta({ type: "string", format: "date-time", ...(description ? { description } : {}) } as Record<string, unknown>);
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/** ISO 8601 with a zone, and a date that exists: Date.parse would roll 2026-02-30 over to March 2. */
function isRealDateTime(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec = "0", oh = "0", om = "0"] = m.slice(1).map((x) => x ?? undefined) as string[];
  const year = Number(y);
  const month = Number(mo);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && Number(d) >= 1 && Number(d) <= daysInMonth && Number(h) <= 23 && Number(mi) <= 59 && Number(sec) <= 59 && Number(oh) <= 23 && Number(om) <= 59;
}

/** A response timestamp as sent: `Date#toISOString()`. */
export const IsoTimestamp = z.iso.datetime({ offset: true });
