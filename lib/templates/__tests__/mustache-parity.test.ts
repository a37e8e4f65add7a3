import Mustache from "mustache";
import { describe, expect, it } from "vitest";
import { renderContent } from "@/lib/templates";

/*
 * Where our renderer and Mustache.js agree by design (well-formed tags, JSON-ish data, no lambdas), the output must
 * be byte-identical, standalone-line whitespace and partial indentation included: authors know mustache's rules.
 */
const view = {
  title: "Report <Q3> & co",
  empty: "",
  zero: 0,
  yes: true,
  no: false,
  user: { name: "Ada", langs: ["en", "fr"] },
  items: [
    { name: "pen", tags: ["a", "b"], price: 1.5 },
    { name: "ink", tags: [], price: 2 },
  ],
};
const partials = { card: "[{{name}}]\n  ({{price}})\n", head: "== {{title}} ==\n" };

const templates = [
  "{{title}} / {{{title}}} / {{&title}} / {{ title }}",
  "{{#items}}\n- {{name}}\n  {{#tags}}\n  * {{.}}\n  {{/tags}}\n  {{^tags}}\n  (untagged)\n  {{/tags}}\n{{/items}}\n",
  "{{#user}}{{name}} speaks {{#langs}}{{.}} {{/langs}}{{/user}}",
  "{{#empty}}E{{/empty}}{{^empty}}not-e{{/empty}}|{{#zero}}Z{{/zero}}{{^zero}}not-z{{/zero}}|{{#yes}}Y{{/yes}}{{#no}}N{{/no}}",
  "Begin.\n{{! a comment\non two lines }}\nEnd.\n",
  "{{> head}}\n{{#items}}\n  {{> card}}\n{{/items}}\n{{#items}}{{> card}}{{/items}}\nx {{> head}}",
  "  {{#yes}}\n  indented\n  {{/yes}}\n\t{{^no}}\ttab{{/no}}\n",
  "{{user.name}} {{user.missing}}|",
];

describe("parity with Mustache.js", () => {
  it.each(templates)("renders %j exactly like Mustache.render without escaping", (template) => {
    const theirs = Mustache.render(template, view, partials, { escape: (s: string) => s });
    const ours = renderContent({ content: template, variables: view, components: new Map(Object.entries(partials)) });
    expect(ours).toBe(theirs);
  });
});
