import { describe, expect, it } from "vitest";
import { LabelNameSchema, PromptConfigSchema, PromptContentSchema, SlugSchema } from "@/lib/prompts/pure";

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => [i.path.join("."), i.message]);

describe("PromptConfigSchema", () => {
  it("accepts a full valid config and an empty one", () => {
    const config = { model: "gpt-4o", temperature: 2, maxTokens: 1_000_000, topP: 0, stop: Array(8).fill("END"), responseSchema: { type: "object" } };
    expect(PromptConfigSchema.parse(config)).toEqual(config);
    expect(PromptConfigSchema.parse({})).toEqual({});
  });

  it.each([
    [{ temprature: 1, foo: 2 }, "", "Unknown config keys: temprature, foo. Allowed: model, temperature, maxTokens, topP, stop, responseSchema."],
    [{ seed: 1 }, "", /^Unknown config key: seed\./],
    [{ model: "m".repeat(201) }, "model", "model must be at most 200 characters."],
    [{ temperature: 2.01 }, "temperature", "temperature must be between 0 and 2."],
    [{ temperature: -0.1 }, "temperature", "temperature must be between 0 and 2."],
    [{ temperature: "0.5" }, "temperature", "temperature must be a number."],
    [{ maxTokens: 0 }, "maxTokens", "maxTokens must be between 1 and 1000000."],
    [{ maxTokens: 1_000_001 }, "maxTokens", "maxTokens must be between 1 and 1000000."],
    [{ maxTokens: 10.5 }, "maxTokens", "maxTokens must be a whole number."],
    [{ topP: 1.5 }, "topP", "topP must be between 0 and 1."],
    [{ stop: Array(9).fill("x") }, "stop", "stop allows at most 8 sequences."],
    [{ stop: ["ok", "x".repeat(101)] }, "stop.1", "Each stop sequence must be at most 100 characters."],
    [{ stop: "END" }, "stop", "stop must be a list of strings."],
    [{ responseSchema: [] }, "responseSchema", "responseSchema must be a JSON object (a JSON Schema)."],
    [null, "", "config must be a JSON object."],
  ])("rejects %j", (config, path, message) => {
    const [first] = issues(PromptConfigSchema.safeParse(config));
    expect(first?.[0]).toBe(path);
    expect(first?.[1]).toMatch(message);
  });
});

describe("PromptContentSchema", () => {
  it("accepts text up to 200 KiB of UTF-8 and rejects more (multi-byte characters count as bytes)", () => {
    expect(PromptContentSchema("text").safeParse("x".repeat(200 * 1024)).success).toBe(true);
    expect(issues(PromptContentSchema("text").safeParse("é".repeat(100 * 1024 + 1)))).toEqual([["", "Content is 200.0 KiB; the limit is 200 KiB."]]);
    expect(issues(PromptContentSchema("text").safeParse(["x"]))).toEqual([["", "A text prompt's content must be a string."]]);
  });

  it("accepts 1..100 chat messages and rejects bad ones with their index", () => {
    const msg = { role: "user", content: "hi" };
    expect(PromptContentSchema("chat").parse([{ role: "system", content: "" }, msg])).toHaveLength(2);
    expect(issues(PromptContentSchema("chat").safeParse([]))).toEqual([["", "A chat prompt needs at least one message."]]);
    expect(issues(PromptContentSchema("chat").safeParse(Array(101).fill(msg)))).toEqual([["", "A chat prompt can have at most 100 messages."]]);
    expect(issues(PromptContentSchema("chat").safeParse([msg, { role: "bot", content: "x" }]))).toEqual([["1.role", "role must be one of: system, user, assistant."]]);
    expect(issues(PromptContentSchema("chat").safeParse([{ ...msg, name: "x" }]))).toEqual([["0", 'Messages only have "role" and "content" (got name).']]);
    expect(issues(PromptContentSchema("chat").safeParse("hi"))).toEqual([["", "A chat prompt's content must be a list of messages."]]);
  });

  it("limits the total size of all messages", () => {
    const half = { role: "user", content: "x".repeat(100 * 1024) };
    expect(PromptContentSchema("chat").safeParse([half, half]).success).toBe(true);
    expect(issues(PromptContentSchema("chat").safeParse([half, half, { role: "user", content: "y" }]))).toEqual([["", "Messages total 200.0 KiB; the limit is 200 KiB."]]);
  });
});

describe("SlugSchema", () => {
  it.each(["support-reply", "team/support/reply_v2", "0day", "a"])("accepts %j", (slug) => {
    expect(SlugSchema.parse(slug)).toBe(slug);
  });

  it.each([
    ["Support", /must start with a lowercase letter or digit/],
    ["-x", /must start with a lowercase letter or digit/],
    ["a b", /contains " "/],
    ["a.b", /contains "\."/],
    ["team//reply", /empty path segment \("\/\/"\)/],
    ["team/", /must not end with "\/"/],
    ["a".repeat(121), /at most 120 characters \(got 121\)/],
    ["", /empty/],
  ])("rejects %j", (slug, message) => {
    const [first] = issues(SlugSchema.safeParse(slug));
    expect(first?.[1]).toMatch(message);
  });
});

describe("LabelNameSchema", () => {
  it.each(["production", "staging", "v1.2", "canary_eu-west", "a".repeat(36)])("accepts %j", (label) => {
    expect(LabelNameSchema.parse(label)).toBe(label);
  });

  it.each([
    ["latest", /"latest" is reserved: it follows the newest version automatically/],
    ["Prod", /may only contain lowercase letters/],
    ["a/b", /may only contain/],
    ["a".repeat(37), /at most 36 characters/],
    ["..", /must contain a letter/],
    ["", /empty/],
  ])("rejects %j", (label, message) => {
    const [first] = issues(LabelNameSchema.safeParse(label));
    expect(first?.[1]).toMatch(message);
  });
});
