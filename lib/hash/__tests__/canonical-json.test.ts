import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, hashVersion, sha256Hex, toJsonValue } from "@/lib/hash";
import { canonicalJson as clientCanonicalJson } from "@/lib/hash/pure";

describe("canonicalJson (RFC 8785)", () => {
  it("is the one implementation for server and client code", () => {
    expect(clientCanonicalJson).toBe(canonicalJson);
  });

  it("sorts keys at every depth and drops whitespace", () => {
    const a = { b: 1, a: { z: [3, { y: 1, x: 2 }], c: "s" } };
    const b = { a: { c: "s", z: [3, { x: 2, y: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"s","z":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("produces the RFC 8785 section 3.2.2 sample exactly", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"], // -0
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ])("formats the IEEE 754 double %s as %s (RFC 8785 appendix B)", (bits, expected) => {
    expect(canonicalJson(Buffer.from(bits, "hex").readDoubleBE(0))).toBe(expected);
  });

  it("sorts keys by UTF-16 code units, not by code point or locale", () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, "\u00e9": 4, "\ud83d\ude00": 5, "\uff01": 6, "10": 7, "9": 8 })).toBe(
      '{"10":7,"9":8,"B":2,"a":3,"b":1,"é":4,"😀":5,"！":6}',
    );
  });

  it("keeps JSON's conveniences: undefined properties are absent, undefined elements null, Dates ISO strings", () => {
    expect(canonicalJson({ a: undefined, b: null, c: [undefined], d: new Date("2025-01-02T03:04:05.678Z") })).toBe(
      '{"b":null,"c":[null],"d":"2025-01-02T03:04:05.678Z"}',
    );
    expect(canonicalJson({ "é": 'q"\n\u2028', "🙂": "中" })).toBe('{"é":"q\\"\\n\u2028","🙂":"中"}');
  });

  it.each([
    [{ x: NaN }, /NaN at \$\.x/],
    [{ x: [Infinity] }, /Infinity at \$\.x\[0\]/],
    [{ x: 1n }, /bigint at \$\.x/],
    [{ f: () => 1 }, /function at \$\.f/],
    [{ s: Symbol("s") }, /symbol at \$\.s/],
    [{ m: new Map() }, /Map at \$\.m is not a plain object/],
    [{ d: new Date("nope") }, /invalid Date at \$\.d/],
    [{ s: "a\ud800b" }, /lone UTF-16 surrogate/],
    [{ "\udc00": 1 }, /lone UTF-16 surrogate/],
    [[1, , 2], /hole at 1/],
    [undefined, /undefined/],
  ])("refuses %o: a hash over lossy data would verify values that were never stored", (value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it("refuses cycles but accepts shared (acyclic) references", () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular reference at \$\.self/);
  });
});

describe("toJsonValue (the JSON form loosely typed data is stored and hashed in)", () => {
  it("is what JSON.stringify then JSON.parse give", () => {
    const when = new Date("2025-03-15T14:47:00.123Z");
    expect(toJsonValue({ when, gone: undefined, f: () => 1, list: [undefined, NaN, -Infinity, 1], n: -0, m: new Map([[1, 2]]) })).toEqual({
      when: "2025-03-15T14:47:00.123Z",
      list: [null, null, null, 1],
      n: 0,
      m: {},
    });
  });

  it("refuses what has no JSON form, and lone surrogates", () => {
    expect(() => toJsonValue(undefined)).toThrow(/no JSON form/);
    expect(() => toJsonValue({ n: 1n })).toThrow(/BigInt/);
    expect(() => toJsonValue({ s: "\ud83d" })).toThrow(/lone UTF-16 surrogate/);
  });
});

describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("matches the FIPS 180-2 vector %#", (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });

  it("hashes the UTF-8 bytes", () => {
    expect(sha256Hex("é🙂")).toBe(createHash("sha256").update(Buffer.from([0xc3, 0xa9, 0xf0, 0x9f, 0x99, 0x82])).digest("hex"));
  });
});

describe("hashVersion", () => {
  const config = { temperature: 0.2, model: "gpt-x", responseSchema: { type: "object", properties: { a: { type: "string" } } } };

  it("is sha256 hex of JCS({type, content, config}) and ignores key order", () => {
    const h = hashVersion({ type: "text", content: "Hi {{name}}", config });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const jcs = '{"config":{"model":"gpt-x","responseSchema":{"properties":{"a":{"type":"string"}},"type":"object"},"temperature":0.2},"content":"Hi {{name}}","type":"text"}';
    expect(h).toBe(createHash("sha256").update(jcs, "utf8").digest("hex"));
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
