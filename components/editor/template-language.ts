import type * as Monaco from "monaco-editor";

/**
 * The `promptyard-template` language: plain text with Mustache tags.
 *
 *   {{name}}  {{ name }}          variable            (blue)
 *   {{{name}}}  {{&name}}         unescaped variable  (blue, bold)
 *   {{#section}}  {{/section}}    section open/close  (purple)
 *   {{^inverted}}                 inverted section    (purple, italic)
 *   {{! comment }}                comment, may span lines (grey, italic)
 *   {{> component}}               component include   (green)
 *   {{> component@label}}         ... pinned to a label (the `@label` part teal)
 *
 * As in mustache.js, the tag type character must follow `{{` directly. Anything that is not a complete tag on one
 * line (a lone `{{`, `{{ }}`, `{{a{b}}`) is plain text and the rest of the line still tokenizes.
 * No imports at runtime, so this file is safe to load anywhere (and to unit-test without a DOM).
 */
export const TEMPLATE_LANGUAGE_ID = "promptyard-template";

export const LIGHT_THEME = "promptyard-light";
export const DARK_THEME = "promptyard-dark";

/** Token types produced by the tokenizer (Monaco appends `.promptyard-template`). */
export const TEMPLATE_TOKENS = [
  "variable",
  "variable.brace",
  "variable.unescaped",
  "variable.unescaped.brace",
  "section.open",
  "section.close",
  "section.inverted",
  "section.brace",
  "comment",
  "comment.brace",
  "component",
  "component.label",
  "component.brace",
] as const;

// A tag's inner text: anything but braces. Names may contain dots, dashes, spaces ({{ customer.name }}).
const INNER = "[^{}]*[^{}\\s][^{}]*";

export const templateMonarch: Monaco.languages.IMonarchLanguage = {
  defaultToken: "",
  tokenPostfix: `.${TEMPLATE_LANGUAGE_ID}`,
  tokenizer: {
    root: [
      // {{! comment }} (may span several lines)
      [/\{\{!/, { token: "comment.brace", next: "@comment" }],
      // {{{raw}}}
      [new RegExp(`(\\{\\{\\{)(${INNER})(\\}\\}\\})`), ["variable.unescaped.brace", "variable.unescaped", "variable.unescaped.brace"]],
      // {{&raw}}
      [new RegExp(`(\\{\\{&)(${INNER})(\\}\\})`), ["variable.unescaped.brace", "variable.unescaped", "variable.unescaped.brace"]],
      // {{#section}} {{/section}} {{^inverted}}
      [new RegExp(`(\\{\\{#)(${INNER})(\\}\\})`), ["section.brace", "section.open", "section.brace"]],
      [new RegExp(`(\\{\\{/)(${INNER})(\\}\\})`), ["section.brace", "section.close", "section.brace"]],
      [new RegExp(`(\\{\\{\\^)(${INNER})(\\}\\})`), ["section.brace", "section.inverted", "section.brace"]],
      // {{> component@label}} and {{> component}}
      [/(\{\{>)(\s*[^{}\s@]+)(@[^{}\s]+)(\s*\}\})/, ["component.brace", "component", "component.label", "component.brace"]],
      [new RegExp(`(\\{\\{>)(${INNER})(\\}\\})`), ["component.brace", "component", "component.brace"]],
      // {{=<% %>=}} (set delimiters): rare in prompts; shown as a comment-like directive, not parsed further.
      [/\{\{=[^{}]*=\}\}/, "comment.brace"],
      // {{variable}} ({{ variable }}); the first character must not be a tag type or a brace.
      [/(\{\{)(\s*[^{}\s!#^/>&=][^{}]*)(\}\})/, ["variable.brace", "variable", "variable.brace"]],
      // Plain text. A `{` that starts no tag is text too, so a stray `{{` never swallows the rest of the line.
      [/[^{]+/, ""],
      [/\{/, ""],
    ],
    comment: [
      [/\}\}/, { token: "comment.brace", next: "@pop" }],
      [/[^}]+/, "comment"],
      [/\}/, "comment"],
    ],
  },
};

export const templateLanguageConfiguration: Monaco.languages.LanguageConfiguration = {
  // No bracket pairs: bracket-pair colourisation and "unexpected bracket" marks would paint over the tag colours
  // (and flag every stray `{` in prose). `{` still auto-closes, so typing `{{` gives `{{}}` and typing `}}`
  // then overtypes the closers.
  brackets: [],
  autoClosingPairs: [{ open: "{", close: "}" }],
  surroundingPairs: [{ open: "{", close: "}" }],
  comments: { blockComment: ["{{!", "}}"] },
  // Words include dots and dashes so double-click selects a whole `customer.first-name`.
  wordPattern: /[\w$.\-@]+/,
};

type Rule = Monaco.editor.ITokenThemeRule;
const rules = (c: {
  variable: string;
  variableBrace: string;
  section: string;
  sectionBrace: string;
  component: string;
  componentLabel: string;
  comment: string;
}): Rule[] => [
  { token: "variable", foreground: c.variable },
  { token: "variable.brace", foreground: c.variableBrace },
  { token: "variable.unescaped", foreground: c.variable, fontStyle: "bold" },
  { token: "variable.unescaped.brace", foreground: c.variableBrace, fontStyle: "bold" },
  { token: "section", foreground: c.section, fontStyle: "bold" },
  { token: "section.inverted", foreground: c.section, fontStyle: "bold italic" },
  { token: "section.brace", foreground: c.sectionBrace },
  { token: "component", foreground: c.component },
  { token: "component.label", foreground: c.componentLabel, fontStyle: "italic" },
  { token: "component.brace", foreground: c.component },
  { token: "comment", foreground: c.comment, fontStyle: "italic" },
  { token: "comment.brace", foreground: c.comment, fontStyle: "italic" },
];

// Tailwind palette: blue-700/500, violet-700/500, emerald-700/600, teal-700, zinc-500 (light); lighter shades for dark.
export const lightTheme: Monaco.editor.IStandaloneThemeData = {
  base: "vs",
  inherit: true,
  rules: rules({
    variable: "1d4ed8",
    variableBrace: "3b82f6",
    section: "7e22ce",
    sectionBrace: "a855f7",
    component: "047857",
    componentLabel: "0f766e",
    comment: "71717a",
  }),
  colors: {
    "editor.background": "#ffffff",
    "editor.foreground": "#18181b",
    "editorLineNumber.foreground": "#a1a1aa",
    "editorLineNumber.activeForeground": "#52525b",
    "editor.lineHighlightBackground": "#f4f4f5",
    "editor.lineHighlightBorder": "#00000000",
    "editorGutter.background": "#fafafa",
  },
};

export const darkTheme: Monaco.editor.IStandaloneThemeData = {
  base: "vs-dark",
  inherit: true,
  rules: rules({
    variable: "60a5fa",
    variableBrace: "3b82f6",
    section: "c084fc",
    sectionBrace: "a855f7",
    component: "34d399",
    componentLabel: "5eead4",
    comment: "71717a",
  }),
  colors: {
    "editor.background": "#18181b",
    "editor.foreground": "#f4f4f5",
    "editorLineNumber.foreground": "#52525b",
    "editorLineNumber.activeForeground": "#a1a1aa",
    "editor.lineHighlightBackground": "#27272a",
    "editor.lineHighlightBorder": "#00000000",
    "editorGutter.background": "#18181b",
  },
};

// Keyed by the `languages` object: the Monaco namespace itself is a frozen module namespace.
const registered = new WeakSet<object>();

/** Registers the language and both themes on a Monaco instance; repeated calls are no-ops. */
export function registerTemplateLanguage(monaco: typeof Monaco): void {
  if (registered.has(monaco.languages)) return;
  registered.add(monaco.languages);
  if (!monaco.languages.getLanguages().some((l) => l.id === TEMPLATE_LANGUAGE_ID)) {
    monaco.languages.register({ id: TEMPLATE_LANGUAGE_ID, aliases: ["Promptyard template", "mustache"] });
  }
  monaco.languages.setMonarchTokensProvider(TEMPLATE_LANGUAGE_ID, templateMonarch);
  monaco.languages.setLanguageConfiguration(TEMPLATE_LANGUAGE_ID, templateLanguageConfiguration);
  monaco.editor.defineTheme(LIGHT_THEME, lightTheme);
  monaco.editor.defineTheme(DARK_THEME, darkTheme);
}

export function themeFor(resolvedTheme: string | undefined): string {
  return resolvedTheme === "dark" ? DARK_THEME : LIGHT_THEME;
}
