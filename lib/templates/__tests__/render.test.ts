import { describe, expect, it } from "vitest";
import { renderContent } from "@/lib/templates";
import { expectAppError } from "@/lib/test/expect";

const render = (content: string, variables: Record<string, unknown> = {}, components: Record<string, string> = {}) =>
  renderContent({ content, variables, components: new Map(Object.entries(components)) });

describe("renderContent: values", () => {
  it("round-trips unicode exactly in content and variables", () => {
    const content = "👋🏽 {{greeting}}, 你好 שָׁלוֹם مرحبا e\u0301 👨‍👩‍👧 — {{name}}!";
    const out = render(content, { greeting: "こんにちは 🇯🇵", name: "Zoë \u202Eevil\u202C a\u0308\u0301" });
    expect(out).toBe("👋🏽 こんにちは 🇯🇵, 你好 שָׁלוֹם مرحبا e\u0301 👨‍👩‍👧 — Zoë \u202Eevil\u202C a\u0308\u0301!");
  });

  it("never HTML-escapes, whichever tag form is used", () => {
    const v = { x: `<b>&"'</b>` };
    expect(render("{{x}}|{{{x}}}|{{& x}}|<i>&amp;</i>", v)).toBe(`<b>&"'</b>|<b>&"'</b>|<b>&"'</b>|<i>&amp;</i>`);
  });

  it("renders numbers, booleans, null, and objects/arrays as JSON", () => {
    expect(render("{{n}} {{t}} {{f}} [{{z}}] {{o}} {{a}}", { n: 0, t: true, f: false, z: null, o: { k: "v" }, a: [1, "b"] })).toBe('0 true false [] {"k":"v"} [1,"b"]');
  });

  it("resolves dotted names, and only own properties", () => {
    const variables = { user: { name: "Ada", address: { city: "London" } }, list: [1, 2, 3], s: "abc" };
    expect(render("{{user.name}} in {{user.address.city}}; {{list.length}} {{s.length}}; [{{user.nope.deeper}}]", variables)).toBe(
      "Ada in London; 3 3; []",
    );
    // Prototype members are invisible: nothing to call, nothing to leak.
    expect(render("[{{user.constructor}}][{{list.map}}][{{s.toUpperCase}}][{{#user.constructor}}x{{/user.constructor}}]", variables)).toBe(
      "[][][][]",
    );
  });

  it("does not call functions found in variables", () => {
    let called = false;
    const fn = () => {
      called = true;
      return "ran";
    };
    expect(render("[{{f}}][{{#f}}body{{/f}}]", { f: fn })).toBe("[][]");
    expect(called).toBe(false);
  });
});

describe("renderContent: sections", () => {
  const content = [
    "{{#orders}}",
    "Order {{id}} for {{customer}}:",
    "{{#items}}",
    "- {{name}} x{{qty}}{{#gift}} (gift){{/gift}}",
    "{{/items}}",
    "{{^items}}",
    "(no items)",
    "{{/items}}",
    "{{/orders}}",
    "{{^orders}}No orders.{{/orders}}",
  ].join("\n");

  it("iterates a list of objects with a nested list; inner names fall back to outer contexts", () => {
    const out = render(content, {
      customer: "Ada",
      orders: [
        { id: 1, items: [{ name: "pen", qty: 2 }, { name: "ink", qty: 1, gift: true }] },
        { id: 2, items: [], customer: "Bob" },
      ],
    });
    expect(out).toBe("Order 1 for Ada:\n- pen x2\n- ink x1 (gift)\nOrder 2 for Bob:\n(no items)\n");
  });

  it("renders inverted sections for false, null, empty string, 0 and []", () => {
    for (const orders of [false, null, "", 0, []]) expect(render(content, { orders })).toBe("No orders.");
  });

  it("treats true as a conditional and a single object as a context", () => {
    expect(render("{{#on}}[{{name}}]{{/on}}{{#who}}<{{name}}>{{/who}}", { on: true, name: "top", who: { name: "inner" } })).toBe("[top]<inner>");
  });

  it("iterates scalars with {{.}}", () => {
    expect(render("{{#tags}}#{{.}} {{/tags}}", { tags: ["a", "ü", "🙂"] })).toBe("#a #ü #🙂 ");
  });

  it("does not require names used only inside sections", () => {
    expect(render("{{#items}}{{label}}{{/items}}{{^items}}{{fallback}}{{/items}}", { items: [{ label: "x" }, {}] })).toBe("x");
  });
});

describe("renderContent: missing variables", () => {
  it("names a single missing variable", async () => {
    await expectAppError(() => render("Hi {{customer_name}}, {{greeting}}", { greeting: "hello" }), "invalid_input", /^Missing variable: customer_name$/);
  });

  it("lists several missing variables in order", async () => {
    await expectAppError(() => render("{{zeta}} {{alpha}} {{#mid}}{{/mid}} {{a.b}}", {}), "invalid_input", /^Missing variables: a, alpha, mid, zeta$/);
  });

  it("counts null, false, empty string and [] as provided, undefined as missing", async () => {
    expect(render("[{{a}}{{b}}{{c}}{{#d}}x{{/d}}]", { a: null, b: false, c: "", d: [] })).toBe("[false]");
    await expectAppError(() => render("{{a}}", { a: undefined }), "invalid_input", "Missing variable: a");
  });

  it("requires the top-level variables of included components", async () => {
    await expectAppError(() => render("{{> footer}}", {}, { footer: "Signed, {{agent}}" }), "invalid_input", /^Missing variable: agent$/);
    expect(render("{{> footer}}", { agent: "Eve" }, { footer: "Signed, {{agent}}" })).toBe("Signed, Eve");
  });
});

describe("renderContent: literal braces", () => {
  const cases: [string, string][] = [
    ["use {{ to open", "use {{ to open"],
    ["a {{ b {{c}}", "a {{ b C"],
    ["{{}", "{{}"],
    ["{{}}", "{{}}"],
    ["end {{", "end {{"],
    ["}} and }}} alone", "}} and }}} alone"],
    ["Use {{ to open and }} to close", "Use {{ to open and }} to close"],
    ["{{{c}}", "{C"],
    ["{{{{c}}}}", "{C}"],
    ['json: {"a": {"b": {{c}}}}', 'json: {"a": {"b": C}}'],
    ["{{!", "{{!"],
    ["{{ two words }} and {{{ three more words }}}", "{{ two words }} and {{{ three more words }}}"],
    ["{{#\n}}", "{{#\n}}"],
    ["\uE000{{c}}\uE000{{", "\uE000C\uE000{{"],
  ];
  it.each(cases)("renders %j literally around real tags", (template, expected) => {
    expect(render(template, { c: "C" })).toBe(expected);
  });
});

describe("renderContent: chat and components", () => {
  it("renders every message of a chat prompt", () => {
    const out = renderContent({
      content: [
        { role: "system", content: "You are {{persona}}." },
        { role: "user", content: "{{question}}" },
        { role: "assistant", content: "{{#steps}}{{.}};{{/steps}}" },
      ],
      variables: { persona: "a pirate 🏴‍☠️", question: "Where <is> the treasure?", steps: ["dig", "open"] },
    });
    expect(out).toEqual([
      { role: "system", content: "You are a pirate 🏴‍☠️." },
      { role: "user", content: "Where <is> the treasure?" },
      { role: "assistant", content: "dig;open;" },
    ]);
  });

  it("names the chat message in errors", async () => {
    await expectAppError(
      () => renderContent({ content: [{ role: "system", content: "ok" }, { role: "user", content: "{{#items}}x" }], variables: {} }),
      "invalid_input",
      /^message 2 \(user\): Unclosed section "items"/,
    );
  });

  it("passes components as partials (nested, with section context and standalone indentation)", () => {
    const components = { "safety@production": "Be safe, {{name}}.\n{{> sig}}", sig: "-- {{team}}\n", row: "* {{label}}\n" };
    const out = render("{{> safety@production}}\nList:\n  {{> row}}\n{{#items}}{{> row}}{{/items}}", { name: "Ada", team: "Ops", label: "top", items: [{ label: "a" }, { label: "b" }] }, components);
    expect(out).toBe("Be safe, Ada.\n-- Ops\nList:\n  * top\n* a\n* b\n");
  });

  it("refuses a component that was not resolved, and a cyclic component map", async () => {
    await expectAppError(() => render("{{> ghost}}"), "invalid_input", /Component "ghost" not found/);
    // Even where the section is hidden this time: the template is broken for every render, so say so every time.
    await expectAppError(() => render("{{#no}}{{> ghost}}{{/no}}", { no: false }), "invalid_input", /Component "ghost" not found/);
    await expectAppError(() => render("{{^yes}}{{> bad}}{{/yes}}", { yes: true }, { bad: "{{#x}}" }), "invalid_input", /^Component "bad": Unclosed section "x"/);
    await expectAppError(() => render("{{> a}}", {}, { a: "{{> b}}", b: "{{> a}}" }), "invalid_input", "Component cycle: a -> b -> a");
  });

  it("caps runaway expansion", async () => {
    const nested = "{{#l}}".repeat(12) + "x" + "{{/l}}".repeat(12);
    await expectAppError(() => render(nested, { l: Array(10).fill(0) }), "invalid_input", /too expensive|larger than/);
  });
});
