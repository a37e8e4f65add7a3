import { invalidInput, isAppError } from "@/lib/errors";
import { mapTemplates } from "./content";
import { topLevelNames } from "./extract";
import { indentPartial, parseTemplate, type Node } from "./parse";
import type { ChatMessage, Components, PromptContent } from "./types";
import { isFalsy, lookup, toText } from "./view";

// Nested sections over the same list multiply (10 levels x 10 items = 10^10 steps); cap the work and the output so a
// template cannot turn a render request into a denial of service.
const MAX_STEPS = 2_000_000;
const MAX_OUTPUT_CHARS = 8 * 1024 * 1024;

export interface RenderInput<C extends PromptContent = PromptContent> {
  content: C;
  variables?: Record<string, unknown>;
  /** Component texts keyed by raw include ("safety", "safety@production"), e.g. `resolveComponents(...).partials`. */
  components?: Components;
}

class Renderer {
  private steps = 0;
  private produced = 0;
  private parsed = new Map<string, Node[]>();
  // Memo per component: a DAG of components is walked once, not once per path.
  private requiredBelow = new Map<string, string[]>();
  constructor(private readonly components: Components) {}

  /** Parses a component once per indentation; errors say which component is broken. */
  partial(raw: string, chain: readonly string[], indent = "", indentFirstLine = true): Node[] {
    if (chain.includes(raw)) throw invalidInput(`Component cycle: ${[...chain, raw].join(" -> ")}`);
    const key = `${raw}\u0000${indent}\u0000${indentFirstLine}`;
    const cached = this.parsed.get(key);
    if (cached) return cached;
    const entry = this.components.get(raw);
    if (entry === undefined) throw invalidInput(`Component "${raw}" not found: it was not resolved before rendering.`);
    const text = typeof entry === "string" ? entry : entry.content;
    try {
      const nodes = parseTemplate(indentPartial(text, indent, indentFirstLine));
      this.parsed.set(key, nodes);
      return nodes;
    } catch (e) {
      if (isAppError(e) && e.code === "invalid_input") throw invalidInput(`Component "${raw}": ${e.message}`);
      throw e;
    }
  }

  /**
   * Top-level names of a template plus those of the components it includes at top level, recursively. Components
   * inside sections add no required names but are still loaded and parsed, so a broken or missing one fails every
   * render, not only those where the section happens to be shown.
   */
  required(nodes: Node[], chain: readonly string[] = [], top = true): string[] {
    const names: string[] = [];
    const visit = (raw: string) => {
      const key = `${top}\u0000${raw}`;
      let below = this.requiredBelow.get(key);
      if (!below) {
        below = this.required(this.partial(raw, chain), [...chain, raw], top);
        this.requiredBelow.set(key, below);
      }
      names.push(...below);
    };
    const own = topLevelNames(nodes, (include) => visit(include.raw));
    if (top) names.push(...own);
    for (const node of nodes) if (node.kind === "section" || node.kind === "inverted") this.required(node.children, chain, false);
    return names;
  }

  render(nodes: Node[], stack: unknown[], chain: readonly string[] = []): string {
    let out = "";
    for (const node of nodes) {
      if (++this.steps > MAX_STEPS) throw invalidInput("Template is too expensive to render: its sections expand too many times.");
      out += this.renderNode(node, stack, chain);
    }
    return out;
  }

  /** Every output character comes from exactly one text or variable node, so counting there bounds the total. */
  private emit(text: string): string {
    this.produced += text.length;
    if (this.produced > MAX_OUTPUT_CHARS) throw invalidInput("Rendered prompt is larger than 8 MiB.");
    return text;
  }

  private renderNode(node: Node, stack: unknown[], chain: readonly string[]): string {
    switch (node.kind) {
      case "text":
        return this.emit(node.text);
      case "var": {
        let text: string;
        try {
          text = toText(lookup(node.name, stack));
        } catch {
          throw invalidInput(`Variable "${node.name}" cannot be rendered as text.`);
        }
        return this.emit(text);
      }
      case "inverted":
        return isFalsy(lookup(node.name, stack)) ? this.render(node.children, stack, chain) : "";
      case "section":
        return this.section(node.children, lookup(node.name, stack), stack, chain);
      case "partial": {
        const nodes = this.partial(node.include.raw, chain, node.indent, node.indentFirstLine);
        return this.render(nodes, stack, [...chain, node.include.raw]);
      }
    }
  }

  private section(children: Node[], value: unknown, stack: unknown[], chain: readonly string[]): string {
    if (isFalsy(value)) return "";
    if (value === true) return this.render(children, stack, chain);
    const items = Array.isArray(value) ? value : [value];
    let out = "";
    for (const item of items) {
      stack.push(item);
      try {
        out += this.render(children, stack, chain);
      } finally {
        stack.pop();
      }
    }
    return out;
  }
}

/**
 * Renders a text prompt to a string, or a chat prompt to messages with every content rendered. Throws invalidInput
 * for invalid templates and for missing top-level variables (including those of top-level components); `null`,
 * `false`, `""` and `[]` count as provided.
 */
export function renderContent(input: RenderInput<string>): string;
export function renderContent(input: RenderInput<ChatMessage[]>): ChatMessage[];
export function renderContent(input: RenderInput): string | ChatMessage[];
export function renderContent({ content, variables = {}, components = new Map() }: RenderInput): string | ChatMessage[] {
  const renderer = new Renderer(components);
  const trees = mapTemplates(content, (template) => {
    const nodes = parseTemplate(template);
    return { nodes, required: renderer.required(nodes) };
  });
  const view: Record<string, unknown> = variables !== null && typeof variables === "object" ? variables : {};
  const missing = [...new Set(trees.flatMap((t) => t.required))].filter((name) => !Object.hasOwn(view, name) || view[name] === undefined).sort();
  if (missing.length === 1) throw invalidInput(`Missing variable: ${missing[0]}`);
  if (missing.length > 1) throw invalidInput(`Missing variables: ${missing.join(", ")}`);

  const rendered = mapTemplates(content, (_, i) => renderer.render(trees[i]!.nodes, [view]));
  if (typeof content === "string") return rendered[0]!;
  return content.map((message, i) => ({ role: message.role, content: rendered[i]! }));
}
