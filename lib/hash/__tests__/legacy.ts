/*
 * FROZEN copies of the hashing code Promptyard used before lib/hash (up to commit a6c1c51), kept only so tests can
 * prove the new RFC 8785 + node:crypto form gives the same bytes for everything the old code could have stored.
 * Do not use outside tests; do not "fix".
 */


// --- lib/prompts/pure/canonical-json.ts (version hashes) ---
/*
 * One byte-exact serialisation per value, so hashes (version hashes, the audit hash chain) do not depend on key order
 * or on how Postgres' jsonb reorders keys. It matches RFC 8785 (JCS) for JSON data: keys sorted by UTF-16 code units,
 * ECMAScript number formatting, JSON.stringify string escaping. Anything JSON would silently mangle throws instead,
 * because a hash over lossy data would "verify" values that were never stored.
 */
export function legacyPromptsCanonicalJson(value: unknown): string {
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

// --- lib/prompts/pure/sha256.ts ---
/*
 * SHA-256 in plain TypeScript. node:crypto would break client bundles of this module, and WebCrypto is async and
 * missing on plain-HTTP origins (self-hosted installs), so a synchronous, dependency-free version is the portable one.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
export function legacySha256Hex(text: string): string {
  const data = new TextEncoder().encode(text);
  // Message + 0x80 + zero padding + 64-bit big-endian bit length, rounded up to 64-byte blocks.
  const blocks = Math.ceil((data.length + 9) / 64);
  const bytes = new Uint8Array(blocks * 64);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  const bitLength = data.length * 8;
  view.setUint32(bytes.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(bytes.length - 4, bitLength >>> 0);

  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < bytes.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const next = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = (h[i]! + next[i]!) >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("");
}

// --- lib/audit/internal.ts canonicalJson (audit chain) ---
export function legacyAuditCanonicalJson(value: unknown): string {
  const out = auditEncode(value, new Set());
  if (out === undefined) throw new TypeError("canonicalJson: the value has no JSON form.");
  return out;
}

function auditEncode(input: unknown, seen: Set<object>): string | undefined {
  let v = input;
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? JSON.stringify(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      throw new TypeError("canonicalJson: BigInt has no JSON form; convert it to a string first.");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  const obj = v as object;
  if (seen.has(obj)) throw new TypeError("canonicalJson: circular structure.");
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((x) => auditEncode(x, seen) ?? "null").join(",")}]`;
  } else {
    const rec = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(rec).sort()) {
      const s = auditEncode(rec[key], seen);
      if (s !== undefined) parts.push(`${JSON.stringify(key)}:${s}`);
    }
    out = `{${parts.join(",")}}`;
  }
  seen.delete(obj);
  return out;
}

