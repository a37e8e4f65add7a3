import canonicalize from "canonicalize";

/*
 * The one canonical JSON of Promptyard: RFC 8785, the JSON Canonicalization Scheme (JCS), produced by the
 * maintained `canonicalize` package (keys sorted by UTF-16 code units at every depth, no whitespace, ECMAScript
 * number formatting, JSON.stringify string escaping). Version hashes and the audit hash chain are computed over it,
 * so any client can recompute them with any JCS implementation.
 *
 * Strict: a value that JSON cannot carry exactly throws (NaN, Infinity, BigInt, functions, symbols, Maps, class
 * instances, lone UTF-16 surrogates, cycles), because a hash over lossy data would "verify" values that were never
 * stored. Two conveniences of JSON are kept: an `undefined` property is absent (an `undefined` array element is
 * null), and a Date is its ISO string. Callers holding loosely typed data (the audit's `data`) normalise it with
 * `toJsonValue` first and store and hash that.
 *
 * Pure, no Node APIs: the browser editor uses it too (dirty checks).
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new TypeError("canonicalJson: the value itself is undefined.");
  check(value, "$", new Set());
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError("canonicalJson: the value has no JSON form.");
  return out;
}

/**
 * The JSON form of a loosely typed value, as JSON.stringify then JSON.parse would give it (NaN and Infinity become
 * null, undefined and functions are dropped from objects, Dates become ISO strings, Maps become {}), with lone
 * surrogates refused. Store this form and hash it: what is stored is then exactly what is hashed.
 */
export function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("toJsonValue: the value has no JSON form.");
  const parsed: unknown = JSON.parse(text);
  check(parsed, "$", new Set()); // lone surrogates survive JSON.parse; refuse them here, not at hashing time
  return parsed;
}

function check(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case "undefined":
    case "boolean":
      return;
    case "string":
      if (hasLoneSurrogate(value)) throw new TypeError(`canonicalJson: the string at ${path} has a lone UTF-16 surrogate (not valid Unicode).`);
      return;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} at ${path} is not representable in JSON.`);
      return;
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} at ${path} is not representable in JSON.`);
  }
  if (value === null) return;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}.`);
    return;
  }
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: circular reference at ${path}.`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`canonicalJson: the array at ${path} has a hole at ${i}.`);
      check(value[i], `${path}[${i}]`, ancestors);
    }
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalJson: ${proto?.constructor?.name ?? "object"} at ${path} is not a plain object.`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) throw new TypeError(`canonicalJson: the key ${JSON.stringify(key)} at ${path} has a lone UTF-16 surrogate.`);
      check(item, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}

function hasLoneSurrogate(s: string): boolean {
  return /\p{Surrogate}/u.test(s);
}
