import Mustache, { type OpeningAndClosingTags, type TemplateSpans } from "mustache";
import { invalidInput } from "@/lib/errors";
import { parseInclude } from "./names";
import { scanTemplate } from "./scan";
import type { Include } from "./types";

export type Node =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string }
  | { kind: "section" | "inverted"; name: string; children: Node[] }
  | { kind: "partial"; include: Include; indent: string; indentFirstLine: boolean };

type Token = TemplateSpans[number];

const TAGS: OpeningAndClosingTags = ["{{", "}}"];

// A private writer with caching off: the default writer caches every template it ever sees (unbounded, process-wide),
// and prompts are user input, so we parse fresh each time and leave Mustache's globals untouched.
const writer = new Mustache.Writer();
(writer as unknown as { templateCache?: unknown }).templateCache = undefined;

/** Parses a template into a tree; throws invalidInput naming the problem (line numbers are 1-based). */
export function parseTemplate(template: string): Node[] {
  const { text, brace } = scanTemplate(template);
  let tokens: TemplateSpans;
  try {
    tokens = writer.parse(text, TAGS) as TemplateSpans;
  } catch (e) {
    // scanTemplate already rejects everything we know Mustache rejects; this is a safety net, not a code path.
    throw invalidInput(`Invalid template: ${e instanceof Error ? e.message : String(e)}`);
  }
  return toNodes(tokens, brace);
}

function toNodes(tokens: TemplateSpans, brace: string): Node[] {
  const nodes: Node[] = [];
  for (const token of tokens) {
    const node = toNode(token, brace);
    if (node) nodes.push(node);
  }
  return nodes;
}

function toNode(token: Token, brace: string): Node | null {
  const [type, value] = token;
  switch (type) {
    case "text":
      return { kind: "text", text: value.replaceAll(brace, "{") };
    case "name":
    case "&":
      return { kind: "var", name: value };
    case "#":
    case "^":
      return { kind: type === "#" ? "section" : "inverted", name: value, children: toNodes(token[4] as TemplateSpans, brace) };
    case ">": {
      // Same rule as Mustache.js's renderPartial/indentPartial, so output matches what authors know from mustache.
      const [, , , , indentation, tagIndex, lineHasNonSpace] = token as [string, string, number, number, string, number, boolean];
      const indent = tagIndex === 0 && indentation ? indentation.replace(/[^ \t]/g, "") : "";
      return { kind: "partial", include: parseInclude(value), indent, indentFirstLine: !lineHasNonSpace };
    }
    default:
      return null; // comments
  }
}

/** Mustache's partial indentation: prefix each non-empty line (the first only when the tag stood alone). */
export function indentPartial(text: string, indent: string, indentFirstLine: boolean): string {
  if (!indent) return text;
  return text
    .split("\n")
    .map((line, i) => (line.length && (i > 0 || indentFirstLine) ? indent + line : line))
    .join("\n");
}
