/*
 * Name resolution for rendering. Only own properties are visible and functions are never called, so a template can
 * neither reach prototype members ({{constructor}}, {{list.map}}) nor run code the way Mustache lambdas would.
 */
type Hit = { found: true; value: unknown } | { found: false };

function own(holder: unknown, key: string): Hit {
  if (holder !== null && typeof holder === "object" && Object.hasOwn(holder, key)) {
    return { found: true, value: (holder as Record<string, unknown>)[key] };
  }
  if (typeof holder === "string" && key === "length") return { found: true, value: holder.length };
  return { found: false };
}

const usable = (value: unknown) => (typeof value === "function" || typeof value === "symbol" ? undefined : value);

/**
 * Spec semantics: the first segment of `a.b.c` is searched from the innermost section item outwards; the rest is
 * looked up on that value only (no falling back to outer contexts halfway through a path).
 */
export function lookup(name: string, stack: readonly unknown[]): unknown {
  if (name === ".") return usable(stack[stack.length - 1]);
  const [first, ...rest] = name.split(".");
  let value: unknown;
  let found = false;
  for (let i = stack.length - 1; i >= 0 && !found; i--) {
    const hit = own(stack[i], first!);
    if (hit.found) {
      value = hit.value;
      found = true;
    }
  }
  for (const part of rest) {
    if (!found) break;
    const hit = own(value, part);
    found = hit.found;
    value = hit.found ? hit.value : undefined;
  }
  return found ? usable(value) : undefined;
}

/**
 * Text for `{{x}}`. Objects and arrays become JSON rather than Mustache's "[object Object]" / "a,b": a prompt that
 * interpolates structured data wants it readable and unambiguous. Never HTML-escaped.
 */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "object") return JSON.stringify(value) ?? "";
  return String(value);
}

/** Mustache truthiness: false, null, undefined, 0, NaN, "" and [] hide a section. */
export function isFalsy(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}
