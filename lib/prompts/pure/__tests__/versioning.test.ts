import { describe, expect, it } from "vitest";
import { checkAuthorSemver, compareSemver, diffSummary, nextSemver, parseSemver, suggestBump, type VersionShape } from "@/lib/prompts/pure";
import { expectAppError } from "@/lib/test/expect";

const v = (over: Partial<VersionShape> = {}): VersionShape => ({
  content: "Hello {{name}},\nthanks for writing.",
  config: { model: "gpt-x", temperature: 0.2, responseSchema: { type: "object", properties: { a: { type: "string" } } } },
  variables: ["name"],
  ...over,
});

describe("suggestBump", () => {
  it("first version is major", () => {
    expect(suggestBump(null, v())).toEqual({ bump: "major", reason: "first version" });
  });

  it("variables added or removed are major, named in the reason", () => {
    expect(suggestBump(v(), v({ variables: ["name", "tone"] }))).toEqual({ bump: "major", reason: "variables added: tone" });
    expect(suggestBump(v(), v({ variables: [] }))).toEqual({ bump: "major", reason: "variables removed: name" });
    expect(suggestBump(v(), v({ variables: ["tone", "audience"], content: "x" }))).toEqual({
      bump: "major",
      reason: "variables added: audience, tone; removed: name",
    });
  });

  it("a different response schema is major; reordered keys are not a change", () => {
    const changed = v({ config: { ...v().config, responseSchema: { type: "object", properties: { a: { type: "number" } } } } });
    expect(suggestBump(v(), changed)).toEqual({ bump: "major", reason: "response schema changed" });
    const reordered = v({ config: { temperature: 0.2, responseSchema: { properties: { a: { type: "string" } }, type: "object" }, model: "gpt-x" } });
    expect(suggestBump(v(), reordered)).toEqual({ bump: "none", reason: "no changes" });
  });

  it("content changes are minor", () => {
    expect(suggestBump(v(), v({ content: "Hi {{name}},\nthanks for writing." }))).toEqual({ bump: "minor", reason: "content changed" });
  });

  it("config changes are minor and name the keys (added and removed ones too)", () => {
    const { temperature: _t, ...rest } = v().config;
    expect(suggestBump(v(), v({ config: { ...rest, model: "gpt-y", maxTokens: 10 } }))).toEqual({
      bump: "minor",
      reason: "config changed: maxTokens, model, temperature",
    });
    expect(suggestBump(v(), v({ content: "other", config: { ...v().config, topP: 0.5 } }))).toEqual({
      bump: "minor",
      reason: "content changed; config changed: topP",
    });
  });

  it("whitespace-only content changes are a patch", () => {
    expect(suggestBump(v(), v({ content: "  Hello   {{name}},\n\n\tthanks for writing. \n" }))).toEqual({ bump: "patch", reason: "whitespace only" });
    const chat = (a: string) => v({ content: [{ role: "system", content: a }, { role: "user", content: "{{name}}" }] });
    expect(suggestBump(chat("Be brief."), chat("Be  brief.\n"))).toEqual({ bump: "patch", reason: "whitespace only" });
    // Removing whitespace between words changes the text the model sees.
    expect(suggestBump(chat("Be brief."), chat("Bebrief."))).toEqual({ bump: "minor", reason: "content changed" });
    // Same text in a different role is not a whitespace change.
    const swapped = v({ content: [{ role: "user", content: "Be brief." }, { role: "user", content: "{{name}}" }] });
    expect(suggestBump(chat("Be brief."), swapped).bump).toBe("minor");
  });

  it("identical versions are 'none'", () => {
    expect(suggestBump(v(), v())).toEqual({ bump: "none", reason: "no changes" });
  });
});

describe("diffSummary", () => {
  it("lists what changed for the diff view", () => {
    const next = v({ variables: ["name", "tone"], config: { model: "gpt-y", temperature: 0.2 }, content: "Hello {{name}} {{tone}}" });
    expect(diffSummary(v(), next)).toEqual({
      variablesAdded: ["tone"],
      variablesRemoved: [],
      configChanged: ["model", "responseSchema"],
      contentChanged: true,
      whitespaceOnly: false,
      responseSchemaChanged: true,
      bump: "major",
      reason: "variables added: tone; response schema changed",
    });
  });

  it("treats everything as added when there is no previous version", () => {
    const d = diffSummary(null, v());
    expect(d).toMatchObject({ variablesAdded: ["name"], configChanged: ["model", "responseSchema", "temperature"], contentChanged: true, bump: "major" });
  });
});

describe("semver", () => {
  it("parses strict MAJOR.MINOR.PATCH only", async () => {
    expect(parseSemver("10.0.3")).toEqual({ major: 10, minor: 0, patch: 3 });
    for (const bad of ["1.2", "v1.2.3", "1.2.3-beta", "01.2.3", "1.2.3.4", " 1.2.3", "", "1.2.x", "99999999999999999999.0.0"]) {
      await expectAppError(() => parseSemver(bad), "invalid_input", /^Invalid version .*MAJOR\.MINOR\.PATCH/);
    }
  });

  it("computes the next version", () => {
    expect(nextSemver(null, "patch")).toBe("1.0.0");
    expect(nextSemver("1.4.2", "major")).toBe("2.0.0");
    expect(nextSemver("1.4.2", "minor")).toBe("1.5.0");
    expect(nextSemver("1.4.2", "patch")).toBe("1.4.3");
    expect(nextSemver("1.4.2", "none")).toBe("1.4.2");
  });

  it("compares numerically", () => {
    expect(compareSemver("1.10.0", "1.9.9")).toBe(1);
    expect(compareSemver("2.0.0", "10.0.0")).toBe(-1);
    expect(compareSemver("1.2.3", "1.2.3")).toBe(0);
  });

  it("accepts the suggested version or a higher one, and rejects lower ones", async () => {
    expect(checkAuthorSemver("1.2.0", "minor", "1.3.0")).toBe("1.3.0");
    expect(checkAuthorSemver("1.2.0", "minor", "2.0.0")).toBe("2.0.0");
    expect(checkAuthorSemver("1.2.0", "patch", "1.2.7")).toBe("1.2.7");
    expect(checkAuthorSemver(null, "major", "3.0.0")).toBe("3.0.0");
    await expectAppError(
      () => checkAuthorSemver("1.2.0", { bump: "minor", reason: "content changed" }, "1.2.1"),
      "invalid_input",
      "Version 1.2.1 is lower than the suggested 1.3.0 (content changed); you may only bump higher.",
    );
    await expectAppError(() => checkAuthorSemver("1.2.0", "major", "1.9.0"), "invalid_input", /lower than the suggested 2\.0\.0 \(major change\)/);
    await expectAppError(() => checkAuthorSemver(null, "major", "0.9.0"), "invalid_input", /lower than the suggested 1\.0\.0/);
    await expectAppError(() => checkAuthorSemver("1.2.0", "none", "1.2.0"), "invalid_input", /must be higher than the previous version 1\.2\.0/);
    await expectAppError(() => checkAuthorSemver("1.2.0", "minor", "v1.3.0"), "invalid_input", /^Invalid version "v1\.3\.0"/);
  });
});
