import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createQueue, nextItem } from "@/lib/reviews";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { makeGeneration, reviewWorkspace } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const strip = ({ text: _t, side: _s, ...rest }: { text: string; side: unknown }) => rest;

describe(`blind pairwise inputs (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("the two sides' payloads differ only in the output text when the versions render different inputs", async () => {
    const w = await reviewWorkspace(database);
    const variables = { question: "Is the sky blue?" };
    const a = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, variables, input: [{ role: "user", content: "Answer briefly: Is the sky blue?" }], output: "Yes." });
    const b = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables, input: [{ role: "user", content: "Explain in detail: Is the sky blue?" }], output: "Yes, because..." });

    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Blind pair", mode: "pairwise", blind: true, generationIds: [a.id, b.id] } });
    const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    const [left, right] = item!.outputs;
    expect(left!.text).not.toBe(right!.text);
    expect(strip(left!)).toEqual(strip(right!));
    expect(left!.inputHidden).toBe(true);
    expect(JSON.stringify(item)).not.toMatch(/briefly|in detail/);
    expect(item!.variables).toEqual(variables);

    // Not blind: each side shows its own input (so the check above can fail).
    const { queue: open } = await createQueue({ ctx: w.ctx, input: { name: "Open pair", mode: "pairwise", blind: false, generationIds: [a.id, b.id] } });
    const { item: openItem } = await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: open.id } });
    expect(JSON.stringify(openItem)).toMatch(/briefly/);
    expect(JSON.stringify(openItem)).toMatch(/in detail/);
  });

  it("a blind pair whose inputs are identical (same version, two models) keeps the shared input", async () => {
    const w = await reviewWorkspace(database);
    const input = [{ role: "user", content: "Same prompt for both" }];
    const a = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, model: "m-a", input, output: "A" });
    const b = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, model: "m-b", input, output: "B" });
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Blind models", mode: "pairwise", blind: true, generationIds: [a.id, b.id] } });
    const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    expect(item!.outputs.map((o) => o.input)).toEqual([input, input]);
  });
});
