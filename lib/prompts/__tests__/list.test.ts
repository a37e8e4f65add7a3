import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { commitVersion, createPrompt, listPrompts } from "@/lib/prompts";
import { createTestDatabase } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe("listPrompts: a total, and sorting by name or last change", () => {
  it("counts every match beyond the page and sorts by slug or by most recent change", async () => {
    const { ctx } = await makeWorkspace(database);
    for (const slug of ["b/two", "a/one", "c/three"]) await createPrompt({ ctx, input: { slug, type: "text", content: "Hi", message: "v1" } });
    await commitVersion({ ctx, input: { slug: "a/one", content: "Hi again", message: "v2" } });

    const first = await listPrompts({ ctx, input: { limit: 2 } });
    expect(first).toMatchObject({ total: 3, hasMore: true });
    expect(first.prompts.map((p) => p.slug)).toEqual(["a/one", "c/three"]);
    const byName = await listPrompts({ ctx, input: { sort: "name" } });
    expect(byName.prompts.map((p) => p.slug)).toEqual(["a/one", "b/two", "c/three"]);
    expect((await listPrompts({ ctx, input: { search: "t", sort: "name" } })).total).toBe(2);
  });
});
