/*
 * One byte-exact serialisation per value, so hashes (version hashes, the audit hash chain) do not depend on key order
 * or on how Postgres' jsonb reorders keys. It matches RFC 8785 (JCS) for JSON data: keys sorted by UTF-16 code units,
 * ECMAScript number formatting, JSON.stringify string escaping. Anything JSON would silently mangle throws instead,
 * because a hash over lossy data would "verify" values that were never stored.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, "$", new Set());
  if (out === undefined) throw new TypeError("canonicalJson: the value itself is undefined.");
  return out;
}

function write(value: unknown, path: string, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case "undefined":
      return undefined;
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} at ${path} is not representable in JSON.`);
      return JSON.stringify(value);
    case "object":
      if (value === null) return "null";
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}.`);
        return JSON.stringify(value.toISOString());
      }
      return writeContainer(value, path, ancestors);
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} at ${path} is not representable in JSON.`);
  }
}

function writeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: circular reference at ${path}.`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      // Like JSON.stringify: a hole or undefined element keeps its position as null.
      return `[${Array.from(value, (item, i) => write(item, `${path}[${i}]`, ancestors) ?? "null").join(",")}]`;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`canonicalJson: ${proto?.constructor?.name ?? "object"} at ${path} is not a plain object.`);
    }
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const item = write((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors);
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    ancestors.delete(value);
  }
}
