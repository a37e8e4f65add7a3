import { describe, expect, it } from "vitest";
import { validateResponseSchema } from "@/lib/prompts/pure";
import { expectAppError } from "@/lib/test/expect";

const realistic = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://example.com/ticket-triage.json",
  title: "Ticket triage",
  type: "object",
  properties: {
    category: { type: "string", enum: ["billing", "bug", "other"], description: "Best matching queue" },
    priority: { type: "integer", minimum: 1, maximum: 5 },
    summary: { type: "string", maxLength: 280 },
    email: { type: "string", format: "email" },
    tags: { type: "array", items: { type: "string" }, uniqueItems: true },
    entities: { type: "array", prefixItems: [{ type: "string" }, { $ref: "#/$defs/span" }] },
  },
  required: ["category", "priority", "summary"],
  additionalProperties: false,
  $defs: { span: { type: "object", properties: { start: { type: "integer" }, end: { type: "integer" } }, required: ["start", "end"] } },
  "x-openai-strict": true,
};

describe("validateResponseSchema", () => {
  it("accepts a realistic 2020-12 schema (formats and vendor keywords allowed), repeatedly with the same $id", () => {
    expect(validateResponseSchema(realistic)).toBe(realistic);
    expect(() => validateResponseSchema({ ...realistic, title: "same $id, different schema" })).not.toThrow();
    expect(() => validateResponseSchema({})).not.toThrow();
  });

  it("accepts draft-07 when declared", () => {
    expect(() =>
      validateResponseSchema({ $schema: "http://json-schema.org/draft-07/schema#", type: "array", items: [{ type: "string" }], definitions: {} }),
    ).not.toThrow();
  });

  it.each([
    [{ type: "strnig" }, /^config\.responseSchema is not a valid JSON Schema: \/type must be equal to one of the allowed values \(array, boolean/],
    [{ type: 5 }, /\/type must be equal to one of the allowed values/],
    [{ properties: 3 }, /: \/properties must be object$/],
    [{ required: "name" }, /\/required must be array/],
    [{ type: "object", properties: { a: { minLength: -1 } } }, /\/properties\/a\/minLength must be >= 0/],
    [{ type: "string", pattern: "([a-z" }, /Invalid regular expression/],
    [{ $ref: "#/$defs/missing" }, /can't resolve reference #\/\$defs\/missing/],
    [{ $ref: "https://example.com/remote.json" }, /can't resolve reference/],
    [{ $schema: "http://json-schema.org/draft-04/schema#" }, /unsupported "\$schema"/],
    [{ $schema: "https://json-schema.org/draft/2020-12/schema", items: [{ type: "string" }] }, /: \/items must be object,boolean$/],
    [[{ type: "string" }], /it must be a JSON object/],
    ["{}", /it must be a JSON object/],
    [null, /it must be a JSON object/],
  ])("rejects %j", async (schema, message) => {
    await expectAppError(() => validateResponseSchema(schema), "invalid_input", message);
  });

  it("rejects schemas over 64 KiB and absurdly deep ones", async () => {
    const big = { type: "object", description: "x".repeat(64 * 1024) };
    await expectAppError(() => validateResponseSchema(big), "invalid_input", /too large: 64\.\d KiB serialized, the limit is 64 KiB/);
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 40; i++) deep = { type: "object", properties: { a: deep } };
    await expectAppError(() => validateResponseSchema(deep), "invalid_input", /nests deeper than 64 levels/);
  });
});
