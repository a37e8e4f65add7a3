import { mapTemplates } from "./content";
import { parseTemplate, type Node } from "./parse";
import type { Include, PromptContent } from "./types";

/** `a.b.c` needs `a`; `.` is the current section item, never a caller-supplied variable. */
export function rootName(name: string): string | null {
  const root = name === "." ? "" : name.split(".")[0]!;
  return root || null;
}

/**
 * Names the caller must supply: tags outside any section. Inside `{{#x}}`/`{{^x}}` a name may come from the section
 * item or only matter conditionally, so requiring it would reject valid calls.
 */
export function topLevelNames(nodes: Node[], onPartial?: (include: Include) => void): string[] {
  const names: string[] = [];
  for (const node of nodes) {
    if (node.kind === "text") continue;
    if (node.kind === "partial") {
      onPartial?.(node.include);
      continue;
    }
    const root = rootName(node.name);
    if (root) names.push(root);
  }
  return names;
}

function collectIncludes(nodes: Node[], out: Map<string, Include>): void {
  for (const node of nodes) {
    if (node.kind === "partial" && !out.has(node.include.raw)) out.set(node.include.raw, node.include);
    if (node.kind === "section" || node.kind === "inverted") collectIncludes(node.children, out);
  }
}

const sortedUnique = (names: Iterable<string>) => [...new Set(names)].sort();

/** Top-level variable names, sorted and unique. Throws invalidInput on an invalid template. */
export function extractVariables(template: string): string[] {
  return sortedUnique(topLevelNames(parseTemplate(template)));
}

/** Every `{{> ...}}`, including those inside sections, in order of appearance, unique by raw text. */
export function extractIncludes(template: string): Include[] {
  const out = new Map<string, Include>();
  collectIncludes(parseTemplate(template), out);
  return [...out.values()];
}

/** Both of the above over all messages of a chat prompt (errors name the message). */
export function extractFromContent(content: PromptContent): { variables: string[]; includes: Include[] } {
  const includes = new Map<string, Include>();
  const variables = mapTemplates(content, (template) => {
    const nodes = parseTemplate(template);
    collectIncludes(nodes, includes);
    return topLevelNames(nodes);
  });
  return { variables: sortedUnique(variables.flat()), includes: [...includes.values()] };
}

/**
 * Top-level variables opened as a section (`{{#items}}...{{/items}}`): the caller supplies a list, an object or a
 * boolean there, not text, so forms offer a JSON editor for them. Invalid templates have none (the caller reports
 * the template error elsewhere).
 */
export function extractSections(content: PromptContent): string[] {
  try {
    const names = mapTemplates(content, (template) =>
      parseTemplate(template)
        .flatMap((n) => (n.kind === "section" ? [rootName(n.name)] : []))
        .filter((n): n is string => n !== null),
    );
    return sortedUnique(names.flat());
  } catch {
    return [];
  }
}
