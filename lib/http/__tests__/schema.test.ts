import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bodyInt, findUnsafeText, INT4_MAX, isoDateTime, queryBool, queryInt, safeText, textProblem } from "../schema";

const issue = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error?.issues[0]?.message;

describe("wire schema builders", () => {
  it("queryInt takes digits only, within the range, and names the parameter otherwise", () => {
    const limit = queryInt("limit", { min: 1, max: 200 });
    expect(limit.parse("1")).toBe(1);
    expect(limit.parse("200")).toBe(200);
    for (const bad of ["0", "201", "abc", "1.5", "1e2", "Infinity", "-1", "", " 5", "0x10", "+5", "99999999999"]) {
      expect(issue(limit, bad), bad).toBe("limit must be a whole number between 1 and 200.");
    }
    const version = queryInt("version", { min: 1, max: INT4_MAX });
    expect(version.parse(String(INT4_MAX))).toBe(INT4_MAX);
    expect(issue(version, String(INT4_MAX + 1))).toMatch(/^version must be/);
    expect(issue(version, "999999999999999999999999")).toMatch(/^version must be/);
  });

  it("bodyInt rejects fractions, unsafe and above-int4 numbers, naming the field", () => {
    const v = bodyInt("version", { min: 1 });
    expect(v.parse(7)).toBe(7);
    for (const bad of [0, 1.5, 2147483648, 1e24, -1]) expect(issue(v, bad), String(bad)).toMatch(/^version must be a whole number between 1 and 2147483647/);
    expect(issue(v, "7")).toBe("version must be a number.");
  });

  it("safeText rejects NUL and lone surrogates (both halves), keeps real pairs and emoji", () => {
    const t = safeText("message", { max: 10 });
    expect(t.parse("héllo 🎉")).toBe("héllo 🎉");
    expect(issue(t, "a\u0000")).toBe("message must not contain NUL characters (\\u0000).");
    expect(issue(t, "a\ud800")).toMatch(/^message must not contain unpaired UTF-16 surrogates/);
    expect(issue(t, "\udc00a")).toMatch(/surrogates/);
    expect(issue(t, "x".repeat(11))).toBe("message must be at most 10 characters.");
    expect(textProblem("\ud83c\udf89")).toBeNull();
  });

  it("findUnsafeText walks values and keys, reporting the path", () => {
    expect(findUnsafeText({ a: [1, { b: "ok" }], c: "fine" })).toBeNull();
    expect(findUnsafeText({ a: [1, { b: "x\u0000" }] })).toMatchObject({ path: "a.1.b" });
    expect(findUnsafeText({ "k\ud800": 1 })).toMatchObject({ path: "(key)" });
    expect(findUnsafeText("\u0000")).toMatchObject({ path: "body" });
  });

  it("isoDateTime needs a zone and a real date between 1970 and 9999", () => {
    const at = isoDateTime("at");
    expect(at.parse("2026-03-15T14:47:00Z").toISOString()).toBe("2026-03-15T14:47:00.000Z");
    expect(at.parse("2026-03-15T14:47:00.123+02:00").toISOString()).toBe("2026-03-15T12:47:00.123Z");
    for (const bad of ["0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "2026-03-15T24:00:00Z", "2026-03-15", "2026-03-15T14:47:00", "+275760-09-13T00:00:00Z", "now"]) {
      expect(issue(at, bad), bad).toMatch(/^at must be an ISO 8601 date-time/);
    }
  });

  it("queryBool and the documented JSON Schema of query numbers", () => {
    expect(queryBool("archived").parse("1")).toBe(true);
    expect(queryBool("archived").parse("false")).toBe(false);
    expect(issue(queryBool("archived"), "yes")).toBe("archived must be 1, 0, true or false.");
    const js = z.toJSONSchema(z.object({ limit: queryInt("limit", { min: 1, max: 200 }) }), { io: "input" }) as unknown as { properties: { limit: object } };
    expect(js.properties.limit).toMatchObject({ type: "integer", minimum: 1, maximum: 200 });
  });
});
