import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createQueue, nextItem, submitReview } from "@/lib/reviews";
import { makeGeneration, reviewWorkspace } from "@/lib/reviews/__tests__/helpers";
import { getRunDetail, rateGeneration } from "@/lib/runs";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { makeWorkspace } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`run detail (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("shows the run with its playground thumbs and queue reviews (comment, labels, queue); another workspace gets 404", async () => {
    const w = await reviewWorkspace(database);
    const g = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, output: "**Rayleigh** scattering." });
    await rateGeneration({ ctx: w.editor.ctx, input: { generationId: g.id, verdict: "down" } });
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Tone", rubric: [{ name: "tone", options: ["ok", "off"] }], generationIds: [g.id] } });
    const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: "up", labels: { tone: "ok" }, comment: "Clear and short." } });

    const d = await getRunDetail({ ctx: w.viewer.ctx, input: { id: g.id } });
    expect(d).toMatchObject({ id: g.id, versionNumber: 2, promptSlug: w.prompt.slug, output: "**Rayleigh** scattering.", variables: { question: "why is the sky blue?" } });
    expect(d.feedback.map((f) => ({ source: f.source, outcome: f.outcome, comment: f.comment, queue: f.queue?.name ?? null, labels: f.labels }))).toEqual([
      { source: "playground", outcome: "down", comment: null, queue: null, labels: {} },
      { source: "queue", outcome: "up", comment: "Clear and short.", queue: "Tone", labels: { tone: "ok" } },
    ]);

    const other = await makeWorkspace(database);
    await expectAppError(getRunDetail({ ctx: other.ctx, input: { id: g.id } }), "not_found");
    await expectAppError(getRunDetail({ ctx: w.ctx, input: { id: "not-a-uuid" } }), "not_found");
  });

  it("a pairwise review says which side won; a blind queue's run is refused to its reviewers but open to editors", async () => {
    const w = await reviewWorkspace(database);
    const variables = { question: "Is the sky blue?" };
    const a = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, variables, output: "Yes." });
    const b = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables, output: "Yes, because..." });
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Blind pair", mode: "pairwise", blind: true, generationIds: [a.id, b.id] } });
    const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: "A" } });

    await expectAppError(getRunDetail({ ctx: w.reviewer1.ctx, input: { id: a.id } }), "forbidden", /blind review in "Blind pair"/);
    const [da, db] = await Promise.all([getRunDetail({ ctx: w.editor.ctx, input: { id: a.id } }), getRunDetail({ ctx: w.editor.ctx, input: { id: b.id } })]);
    expect([da.feedback[0]!.outcome, db.feedback[0]!.outcome].sort()).toEqual(["lost", "won"]);
    expect(da.feedback[0]!.queue?.name).toBe("Blind pair");
  });
});
