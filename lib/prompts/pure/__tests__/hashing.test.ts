import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, hashVersion } from "@/lib/prompts/pure";
import { sha256Hex } from "../sha256";

describe("canonicalJson", () => {
  it("sorts keys recursively, keeps array order, and has no whitespace", () => {
    const a = { b: 1, a: { z: [3, { y: 1, x: 2 }], c: "s" } };
    const b = { a: { c: "s", z: [3, { x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"s","z":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("drops undefined properties, nulls undefined array slots, and writes Dates as ISO strings", () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined], d: new Date("2025-01-02T03:04:05.678Z") })).toBe(
      '{"b":null,"c":[null],"d":"2025-01-02T03:04:05.678Z"}',
    );
  });

  it("escapes like JSON and keeps unicode as is", () => {
    expect(canonicalJson({ "é": 'q"\n', "🙂": "中" })).toBe('{"é":"q\\"\\n","🙂":"中"}');
  });

  it("sorts keys by UTF-16 code units (RFC 8785), not by locale", () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, "\u00e9": 4, "\ud83d\ude00": 5, "\uff01": 6 })).toBe('{"B":2,"a":3,"b":1,"é":4,"😀":5,"！":6}');
  });

  it.each([
    [{ x: NaN }, /NaN at \$\.x/],
    [{ x: [Infinity] }, /Infinity at \$\.x\[0\]/],
    [{ x: 1n }, /bigint at \$\.x/],
    [{ f: () => 1 }, /function at \$\.f/],
    [{ m: new Map() }, /Map at \$\.m is not a plain object/],
    [{ d: new Date("nope") }, /invalid Date at \$\.d/],
    [undefined, /undefined/],
  ])("throws on %o", (value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it("throws on cycles but accepts shared (acyclic) references", () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular reference at \$\.self/);
  });
});

describe("sha256Hex", () => {
  it.each(["", "abc", "a".repeat(55), "b".repeat(56), "c".repeat(64), "ünïcødé 🙂 中文", "x".repeat(100_000)])("matches node:crypto for %#", (text) => {
    expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});

describe("hashVersion", () => {
  const config = { temperature: 0.2, model: "gpt-x", responseSchema: { type: "object", properties: { a: { type: "string" } } } };

  it("is the sha256 of the canonical JSON and ignores key order", () => {
    const h = hashVersion({ type: "text", content: "Hi {{name}}", config });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(createHash("sha256").update(canonicalJson({ type: "text", content: "Hi {{name}}", config })).digest("hex"));
    const reordered = { responseSchema: { properties: { a: { type: "string" } }, type: "object" }, model: "gpt-x", temperature: 0.2 };
    expect(hashVersion({ config: reordered, content: "Hi {{name}}", type: "text" })).toBe(h);
  });

  it("changes with type, content or config", () => {
    const base = hashVersion({ type: "text", content: "Hi", config: {} });
    expect(hashVersion({ type: "chat", content: "Hi", config: {} })).not.toBe(base);
    expect(hashVersion({ type: "text", content: "Hi ", config: {} })).not.toBe(base);
    expect(hashVersion({ type: "text", content: "Hi", config: { temperature: 0 } })).not.toBe(base);
  });
});
