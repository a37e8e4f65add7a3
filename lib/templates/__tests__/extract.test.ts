import { describe, expect, it } from "vitest";
import { extractFromContent, extractIncludes, extractVariables, validateTemplate } from "@/lib/templates";
import { expectAppError } from "@/lib/test/expect";

describe("extractVariables", () => {
  it("finds every tag form at top level, sorted and unique", () => {
    expect(extractVariables("{{b}} {{{c}}} {{& d}} {{#e}}{{/e}} {{^f}}{{/f}} {{ a }} {{b}}")).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("skips names nested in sections (and in inverted sections)", () => {
    const t = "{{#orders}}{{id}}{{#items}}{{name}}{{/items}}{{/orders}}{{^vip}}{{discount}}{{/vip}}{{footer}}";
    expect(extractVariables(t)).toEqual(["footer", "orders", "vip"]);
  });

  it("uses the root of dotted names and ignores the implicit iterator, comments and partials", () => {
    expect(extractVariables("{{user.name}} {{user.address.city}} {{cfg.x}} {{.}} {{! note }} {{> footer}}")).toEqual(["cfg", "user"]);
  });

  it("keeps unicode names and ignores lone braces", () => {
    expect(extractVariables("{{名前}} use {{ to open, {{{x}}, {{ two words }}")).toEqual(["x", "名前"]);
  });

  it("returns nothing for plain text", () => {
    expect(extractVariables("no tags here }} {")).toEqual([]);
  });
});

describe("extractIncludes", () => {
  it("lists includes in order, unique by raw text, including those inside sections", () => {
    expect(extractIncludes("{{> safety}} {{>tone@production}} {{#x}}{{> safety}}{{> lib/footer_v2@v1.2-rc}}{{/x}} {{> safety@latest}}")).toEqual([
      { slug: "safety", raw: "safety" },
      { slug: "tone", label: "production", raw: "tone@production" },
      { slug: "lib/footer_v2", label: "v1.2-rc", raw: "lib/footer_v2@v1.2-rc" },
      { slug: "safety", label: "latest", raw: "safety@latest" },
    ]);
  });

  it.each([
    ["{{> Safety}}", /Invalid component reference \{\{> Safety\}\}: Slug "Safety" must start/],
    ["{{> safety@Prod}}", /\{\{> safety@Prod\}\}: Label "Prod" may only contain/],
    ["{{> a//b}}", /\{\{> a\/\/b\}\}: .*"\/\/"/],
    ["{{> a/}}", /\{\{> a\/\}\}: .*must not end with "\/"/],
    ["{{> safety@}}", /\{\{> safety@\}\}: Label is empty/],
    [`{{> x@${"l".repeat(37)}}}`, /at most 36 characters/],
    ["{{> a@b@c}}", /\{\{> a@b@c\}\}/],
  ])("rejects %s naming the reference", async (template, message) => {
    await expectAppError(() => extractIncludes(template), "invalid_input", message);
  });
});

describe("extractFromContent", () => {
  it("unions variables and includes over all chat messages", () => {
    const content = [
      { role: "system" as const, content: "{{> persona}} Tone: {{tone}}" },
      { role: "user" as const, content: "{{question}} {{#ctx}}{{doc}}{{/ctx}} {{> persona}} {{> rules@v2}}" },
    ];
    expect(extractFromContent(content)).toEqual({
      variables: ["ctx", "question", "tone"],
      includes: [
        { slug: "persona", raw: "persona" },
        { slug: "rules", label: "v2", raw: "rules@v2" },
      ],
    });
  });

  it("works on text content", () => {
    expect(extractFromContent("{{a}} {{> b}}")).toEqual({ variables: ["a"], includes: [{ slug: "b", raw: "b" }] });
  });
});

describe("validateTemplate", () => {
  it.each([
    ["Hi\n{{#items}}\n- {{name}}", /^Unclosed section "items" \(opened on line 2\)/],
    ["{{#a}}x{{/b}}", /^Mismatched section: "a" \(opened on line 1\) is closed by \{\{\/b\}\} on line 1; expected \{\{\/a\}\}/],
    ["x\n\n{{/done}}", /^Closing tag \{\{\/done\}\} on line 3 has no matching \{\{#done\}\}/],
    ["{{#a}}{{^b}}{{/a}}{{/b}}", /Mismatched section: "b"/],
    ["{{=<% %>=}} <% x %>", /^Changing delimiters \(\{\{= =\}\}\) is not supported/],
    ["{{> Bad}}", /Invalid component reference \{\{> Bad\}\}/],
    ["ok\n{{> safety @prod}}", /^Malformed tag \{\{> safety @prod\}\} on line 2: a tag name cannot be empty or contain spaces/],
    ["{{#my list}}x{{/my list}}", /^Malformed tag \{\{#my list\}\} on line 1/],
    ["{{#}}", /^Malformed tag \{\{#\}\}/],
    ["{{#a}}".repeat(51) + "{{/a}}".repeat(51), /Sections nest deeper than 50 levels/],
  ])("rejects %j naming the problem", async (template, message) => {
    await expectAppError(() => validateTemplate(template), "invalid_input", message);
  });

  it("names the chat message (1-based, with its role)", async () => {
    const content = [
      { role: "system" as const, content: "fine {{x}}" },
      { role: "user" as const, content: "{{#items}}{{.}}" },
    ];
    await expectAppError(() => validateTemplate(content), "invalid_input", /^message 2 \(user\): Unclosed section "items"/);
    await expectAppError(() => extractFromContent(content), "invalid_input", /^message 2 \(user\): /);
  });

  it("accepts valid templates, lone braces included", () => {
    expect(() => validateTemplate("{{#a}}{{#b}}{{/b}}{{/a}} {{ {{}} {{! c }}")).not.toThrow();
    expect(() => validateTemplate([{ role: "user", content: "{{x}}" }])).not.toThrow();
  });

  it("rejects content that is neither text nor messages", async () => {
    await expectAppError(() => validateTemplate(42 as never), "invalid_input", /must be a string \(text prompt\) or a list of messages/);
  });
});

describe("extractSections", () => {
  it("names the top-level sections (lists, objects, flags) of text and chat content, not plain or nested names", async () => {
    const { extractSections } = await import("@/lib/templates");
    expect(extractSections("Hi {{name}}. {{#orders}}{{id}} {{#items}}{{.}}{{/items}}{{/orders}}{{^vip}}-{{/vip}}{{#customer.tier}}!{{/customer.tier}}")).toEqual(["customer", "orders"]);
    expect(extractSections([{ role: "system", content: "{{#rules}}- {{.}}\n{{/rules}}" }, { role: "user", content: "{{question}}" }])).toEqual(["rules"]);
    expect(extractSections("{{#broken}}")).toEqual([]);
  });
});
