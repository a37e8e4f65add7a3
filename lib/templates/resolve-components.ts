import { invalidInput, isAppError } from "@/lib/errors";
import { extractFromContent, extractIncludes } from "./extract";
import type { Include, PromptContent } from "./types";

export interface LoadedComponent {
  slug: string;
  /** The label actually resolved (e.g. "latest" for a bare `{{> slug}}`). */
  label: string;
  version: number;
  content: string;
}
export interface ResolvedComponent {
  raw: string;
  slug: string;
  label: string;
  version: number;
}
export interface ResolveComponentsInput {
  content: PromptContent;
  /** The caller's lookup (DB, cache...); null when no such prompt/label exists. */
  load: (include: Include) => Promise<LoadedComponent | null>;
  maxDepth?: number;
  /** The including prompt's own slug, so that it including itself (at any depth) is reported as a cycle. */
  rootSlug?: string;
}
export interface ResolvedComponents {
  partials: Map<string, string>;
  resolved: ResolvedComponent[];
}

type Frame = { slug: string; display: string };
/** What a fully explored include contributes below itself: how deep it goes and which prompts it reaches. */
type Subtree = { height: number; slugs: Set<string> };

/**
 * Loads the whole include graph depth-first. Cycles are detected by slug, not by raw reference: a prompt including any
 * version of itself is almost certainly a mistake, and the rule does not depend on which versions labels point to.
 */
export async function resolveComponents({ content, load, maxDepth = 5, rootSlug }: ResolveComponentsInput): Promise<ResolvedComponents> {
  const partials = new Map<string, string>();
  const resolved: ResolvedComponent[] = [];
  const loads = new Map<string, Promise<Include[]>>();
  const explored = new Map<string, Subtree>();

  const loadOnce = (include: Include, parent: string | undefined): Promise<Include[]> => {
    let pending = loads.get(include.raw);
    if (!pending) {
      pending = loadComponent(include, parent);
      loads.set(include.raw, pending);
    }
    return pending;
  };

  async function loadComponent(include: Include, parent: string | undefined): Promise<Include[]> {
    const found = await load(include);
    const by = parent ? ` (included by ${parent})` : "";
    if (!found) throw invalidInput(`Component "${include.raw}" not found${by}.`);
    if (typeof found.content !== "string") {
      throw invalidInput(`Component "${include.raw}" is a chat prompt${by}; only text prompts can be included.`);
    }
    partials.set(include.raw, found.content);
    resolved.push({ raw: include.raw, slug: found.slug, label: found.label, version: found.version });
    try {
      return extractIncludes(found.content);
    } catch (e) {
      if (isAppError(e) && e.code === "invalid_input") throw invalidInput(`Component "${include.raw}": ${e.message}`);
      throw e;
    }
  }

  async function walk(include: Include, depth: number, chain: Frame[]): Promise<Subtree> {
    const path = () => [...chain.map((f) => f.display), include.raw].join(" -> ");
    if (chain.some((f) => f.slug === include.slug)) throw invalidInput(`Component cycle: ${path()}`);
    if (depth > maxDepth) throw invalidInput(`Components nest deeper than ${maxDepth} levels: ${path()}`);
    // A DAG can reach the same component along many paths; re-walking only matters if this path is deeper or
    // shares a prompt with the subtree (then the walk below produces the error with the right path).
    const seen = explored.get(include.raw);
    if (seen && depth - 1 + seen.height <= maxDepth && !chain.some((f) => seen.slugs.has(f.slug))) return seen;

    const children = await loadOnce(include, chain[chain.length - 1]?.display);
    const subtree: Subtree = { height: 1, slugs: new Set([include.slug]) };
    const next = [...chain, { slug: include.slug, display: include.raw }];
    for (const child of children) {
      const below = await walk(child, depth + 1, next);
      subtree.height = Math.max(subtree.height, below.height + 1);
      for (const slug of below.slugs) subtree.slugs.add(slug);
    }
    explored.set(include.raw, subtree);
    return subtree;
  }

  if (!Number.isInteger(maxDepth) || maxDepth < 0) throw new RangeError(`maxDepth must be a non-negative integer, got ${maxDepth}`);
  const root: Frame[] = rootSlug ? [{ slug: rootSlug, display: rootSlug }] : [];
  for (const include of extractFromContent(content).includes) await walk(include, 1, root);
  return { partials, resolved };
}
