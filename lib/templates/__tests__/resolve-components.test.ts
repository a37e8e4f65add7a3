import { describe, expect, it } from "vitest";
import { renderContent, resolveComponents, type Include, type LoadedComponent } from "@/lib/templates";
import { expectAppError } from "@/lib/test/expect";

/** An in-memory component store keyed by raw include; records what was loaded. */
function store(components: Record<string, string>) {
  const loads: string[] = [];
  const load = async (include: Include): Promise<LoadedComponent | null> => {
    loads.push(include.raw);
    const content = components[include.raw];
    return content === undefined ? null : { slug: include.slug, label: include.label ?? "latest", version: 3, content };
  };
  return { load, loads };
}

describe("resolveComponents", () => {
  it("resolves the whole graph depth-first, loading each raw include once", async () => {
    const { load, loads } = store({
      header: "{{> brand}} welcome",
      brand: "ACME",
      "safety@production": "Be safe. {{> brand}} {{> legal@v2}}",
      "legal@v2": "(c) {{year}}",
    });
    const content = [
      { role: "system" as const, content: "{{> header}}. {{> safety@production}}" },
      { role: "user" as const, content: "{{q}} {{> header}}" },
    ];
    const result = await resolveComponents({ content, load });
    expect(loads).toEqual(["header", "brand", "safety@production", "legal@v2"]);
    expect(result.resolved).toEqual([
      { raw: "header", slug: "header", label: "latest", version: 3 },
      { raw: "brand", slug: "brand", label: "latest", version: 3 },
      { raw: "safety@production", slug: "safety", label: "production", version: 3 },
      { raw: "legal@v2", slug: "legal", label: "v2", version: 3 },
    ]);
    expect([...result.partials.keys()]).toEqual(["header", "brand", "safety@production", "legal@v2"]);
    expect(renderContent({ content, variables: { q: "Hi?", year: 2025 }, components: result.partials })).toEqual([
      { role: "system", content: "ACME welcome. Be safe. ACME (c) 2025" },
      { role: "user", content: "Hi? ACME welcome" },
    ]);
  });

  it("reports a cycle between components with its path", async () => {
    const { load } = store({ a: "A {{> b}}", b: "B {{> a}}" });
    await expectAppError(resolveComponents({ content: "{{> a}}", load, rootSlug: "root" }), "invalid_input", /^Component cycle: root -> a -> b -> a$/);
  });

  it("reports a prompt including itself (via rootSlug), directly or through a component", async () => {
    const { load } = store({ "support-reply@production": "x", safety: "{{> support-reply}}", "support-reply": "y" });
    await expectAppError(
      resolveComponents({ content: "{{> support-reply@production}}", load, rootSlug: "support-reply" }),
      "invalid_input",
      /^Component cycle: support-reply -> support-reply@production$/,
    );
    await expectAppError(
      resolveComponents({ content: "{{> safety}}", load, rootSlug: "support-reply" }),
      "invalid_input",
      /^Component cycle: support-reply -> safety -> support-reply$/,
    );
  });

  it("enforces the depth limit with the path, and accepts exactly maxDepth levels", async () => {
    const chain = { a: "{{> b}}", b: "{{> c}}", c: "{{> d}}", d: "{{> e}}", e: "{{> f}}", f: "leaf" };
    await expectAppError(
      resolveComponents({ content: "{{> a}}", load: store(chain).load }),
      "invalid_input",
      /^Components nest deeper than 5 levels: a -> b -> c -> d -> e -> f$/,
    );
    const ok = await resolveComponents({ content: "{{> b}}", load: store(chain).load });
    expect(ok.resolved.map((c) => c.raw)).toEqual(["b", "c", "d", "e", "f"]);
    await expectAppError(resolveComponents({ content: "{{> e}}", load: store(chain).load, maxDepth: 1 }), "invalid_input", /deeper than 1 levels: e -> f/);
  });

  it("checks depth per path even when a component was already seen at a shallower level", async () => {
    const { load, loads } = store({ x: "{{> y}}", y: "leaf", a: "{{> b}}", b: "{{> c}}", c: "{{> d}}", d: "{{> x}}" });
    await expectAppError(resolveComponents({ content: "{{> x}} {{> a}}", load }), "invalid_input", /: a -> b -> c -> d -> x -> y$/);
    expect(loads.filter((raw) => raw === "x")).toHaveLength(1);
  });

  it("names missing components and their includer, and broken component templates", async () => {
    const { load } = store({ a: "{{> ghost@prod}}", broken: "{{#open}}" });
    await expectAppError(resolveComponents({ content: "{{> a}}", load }), "invalid_input", 'Component "ghost@prod" not found (included by a).');
    await expectAppError(resolveComponents({ content: "{{> broken}}", load }), "invalid_input", /^Component "broken": Unclosed section "open"/);
  });

  it("returns empty results when nothing is included", async () => {
    const { load, loads } = store({});
    expect(await resolveComponents({ content: "plain {{x}}", load })).toEqual({ partials: new Map(), resolved: [] });
    expect(loads).toEqual([]);
  });
});
