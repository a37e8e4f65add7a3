import { describe, expect, it } from "vitest";
import { assertNoSecrets, scanForSecrets, type SecretKind } from "@/lib/prompts/pure";
import { expectAppError } from "@/lib/test/expect";

// Fake credentials are assembled at run time so this file never contains a literal that real secret scanners
// (push protection, CI) would flag.
const join = (...parts: string[]) => parts.join("");
const body = (n: number, alphabet = "aB3xY7kQ9mN2pR5tV8wZ") => Array.from({ length: n }, (_, i) => alphabet[(i * 7) % alphabet.length]).join("");
const FAKE: Record<SecretKind, string[]> = {
  "OpenAI API key": [join("sk", "-", body(48)), join("sk", "-", "a".repeat(48)), join("sk", "-proj-", "a".repeat(40)), join("sk", "-proj-", body(40), "_-", body(20)), join("sk", "-svcacct-", body(30)), join("sk", "-admin-", body(24))],
  "Anthropic API key": [join("sk", "-ant-", "api03-", body(80))],
  "AWS access key": [join("AKIA", "IOSFODNN7EXAMPLE"), join("ASIA", "Z2Y3X4W5V6U7T8S9")],
  "GitHub token": [join("gh", "p_", body(36)), join("gh", "s_", body(40)), join("github", "_pat_", body(22), "_", body(59))],
  "Slack token": [join("xo", "xb-", "1234567890-", "0987654321-", body(24)), join("xo", "xp-", "12345678901")],
  "Private key": [join("-----BEGIN ", "RSA PRIVATE KEY-----"), join("-----BEGIN ", "PRIVATE KEY-----"), join("-----BEGIN ", "OPENSSH PRIVATE KEY-----")],
};

describe("scanForSecrets", () => {
  for (const [kind, samples] of Object.entries(FAKE) as [SecretKind, string[]][]) {
    it.each(samples.map((s, i) => [i, s]))(`finds ${kind} sample %i`, (_, secret) => {
      expect(scanForSecrets(`line one\nkey: ${secret} (do not share)`, {})).toEqual([{ kind, where: "content line 2" }]);
    });
  }

  it("reports chat messages and config paths", () => {
    const findings = scanForSecrets(
      [
        { role: "system", content: "fine" },
        { role: "user", content: `a\nb\nuse ${FAKE["OpenAI API key"][0]}` },
      ],
      { stop: ["ok", FAKE["AWS access key"][0]!], responseSchema: { properties: { "user-id": { description: FAKE["GitHub token"][0] } } } },
    );
    expect(findings).toEqual([
      { kind: "OpenAI API key", where: "message 2 (user) line 3" },
      { kind: "AWS access key", where: "config.stop[1]" },
      { kind: "GitHub token", where: 'config.responseSchema.properties["user-id"].description' },
    ]);
  });

  it("reports a secret used as a property name without putting it in the path", () => {
    const key = FAKE["Slack token"][0]!;
    const findings = scanForSecrets("", { responseSchema: { [key]: { type: "string", description: "x" } } });
    expect(findings).toEqual([{ kind: "Slack token", where: "config.responseSchema (a property name)" }]);
    expect(JSON.stringify(findings)).not.toContain(key);
  });

  it.each([
    "Use sk-learn or scikit-learn for the task-based pipeline; ask-me-anything threads; risk-adjusted returns.",
    "A sk-this-is-a-very-long-hyphenated-phrase-without-digits and sk-2024-annual-report-summary-draft.",
    "The prefix AKIA alone, AKIA123 (too short), and the word AKIAXXXX in prose.",
    "Tokens start with ghp_ or github_pat_ and look random; see xoxb- in the docs, or xoxb-setup-instructions.",
    "-----BEGIN PUBLIC KEY----- is fine, and so is -----BEGIN CERTIFICATE-----.",
    "desk-ant-ler mask-antique-collection-from-the-1800s; basket sk-ant-short",
    "{{api_key}} is passed at run time as a variable.",
  ])("has no false positives on %j", (prose) => {
    expect(scanForSecrets(prose, { model: "gpt-4o-mini", stop: ["END"] })).toEqual([]);
  });
});

describe("assertNoSecrets", () => {
  it("lists all findings without the secrets", async () => {
    const openai = FAKE["OpenAI API key"][1]!;
    const pem = FAKE["Private key"][0]!;
    const err = await expectAppError(
      () => assertNoSecrets(`a\nb\n${openai}\n${pem}`, { stop: [FAKE["GitHub token"][1]!] }),
      "invalid_input",
      "Refusing to commit: found an OpenAI API key in content line 3, a private key in content line 4, a GitHub token in config.stop[0]. Remove secrets from prompts; use variables for them at run time.",
    );
    expect(err.message).not.toContain(openai);
  });

  it("uses the brief's wording for a single finding", async () => {
    await expectAppError(
      () => assertNoSecrets(`one\ntwo\nkey=${FAKE["OpenAI API key"][0]}`, {}),
      "invalid_input",
      /^Refusing to commit: found an OpenAI API key in content line 3\. Remove secrets from prompts; use variables for them at run time\.$/,
    );
  });

  it("passes clean prompts", () => {
    expect(() => assertNoSecrets([{ role: "system", content: "Be kind." }], { temperature: 1 })).not.toThrow();
  });
});
