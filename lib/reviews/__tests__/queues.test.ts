import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, reviewItems, reviews } from "@/db/schema";
import { rateGeneration } from "@/lib/runs";
import {
  addItems,
  createQueue,
  deleteQueue,
  enqueueGeneration,
  exportQueueCsv,
  getQueue,
  getQueueStats,
  getReviewerQueue,
  listQueues,
  nextItem,
  submitReview,
  undoLastReview,
  updateQueue,
} from "@/lib/reviews";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { makeGeneration, makeGenerations, reviewWorkspace } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`review queues (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("editors create queues (audited); reviewers cannot edit them; only admins delete", async () => {
    const w = await reviewWorkspace(database);
    const gens = await makeGenerations(w.ctx, 2, { promptId: w.prompt.id, promptVersionId: w.v1.id });
    const { queue, added, skipped } = await createQueue({
      ctx: w.editor.ctx,
      input: { name: "Tone check", instructions: "Be **fair**.", rubric: [{ name: "tone", options: ["ok", "off"] }], reviewsPerItem: 2, generationIds: [...gens.map((g) => g.id), gens[0]!.id] },
    });
    expect(added).toBe(2);
    expect(skipped).toEqual([]);
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.targetId, queue.id));
    expect(events.map((e) => e.action)).toEqual(["review_queue.create"]);

    await expectAppError(createQueue({ ctx: w.reviewer1.ctx, input: { name: "Nope" } }), "forbidden", /reviewer.*editor or higher/);
    await expectAppError(updateQueue({ ctx: w.reviewer1.ctx, input: { queueId: queue.id, name: "Renamed" } }), "forbidden");
    await expectAppError(addItems({ ctx: w.reviewer1.ctx, input: { queueId: queue.id, generationIds: [gens[0]!.id] } }), "forbidden");
    await expectAppError(deleteQueue({ ctx: w.editor.ctx, input: { queueId: queue.id } }), "forbidden", /admin or higher/);

    const renamed = await updateQueue({ ctx: w.editor.ctx, input: { queueId: queue.id, name: "Tone check v2", reviewsPerItem: 3 } });
    expect(renamed).toMatchObject({ name: "Tone check v2", reviewsPerItem: 3 });
    // Adding the same generation again is skipped with a reason; an unknown id too.
    const again = await addItems({ ctx: w.editor.ctx, input: { queueId: queue.id, generationIds: [gens[0]!.id, "00000000-0000-4000-8000-000000000000"] } });
    expect(again.added).toBe(0);
    expect(again.skipped.map((s) => s.reason)).toEqual(["No such generation in this workspace.", "Already in this queue."]);

    await deleteQueue({ ctx: w.ctx, input: { queueId: queue.id } });
    await expectAppError(getQueue({ ctx: w.ctx, input: { queueId: queue.id } }), "not_found");
  });

  it("a viewer cannot review or see queues; a reviewer can review", async () => {
    const w = await reviewWorkspace(database);
    const [g] = await makeGenerations(w.ctx, 1);
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Q", generationIds: [g!.id] } });
    await expectAppError(nextItem({ ctx: w.viewer.ctx, input: { queueId: queue.id } }), "forbidden", /viewer.*reviewer or higher/);
    await expectAppError(listQueues({ ctx: w.viewer.ctx }), "forbidden");
    const [item] = await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queue.id));
    await expectAppError(submitReview({ ctx: w.viewer.ctx, input: { itemId: item!.id, verdict: "up" } }), "forbidden");
    const { item: got } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: got!.itemId, verdict: "up" } });
  });

  it("another workspace's queue and items are 404 everywhere", async () => {
    const w = await reviewWorkspace(database);
    const [g] = await makeGenerations(w.ctx, 1);
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Private", generationIds: [g!.id] } });
    const [item] = await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queue.id));
    const other = await makeWorkspace(database);
    const q = { queueId: queue.id };
    await expectAppError(getQueue({ ctx: other.ctx, input: q }), "not_found", /Review queue not found/);
    await expectAppError(getReviewerQueue({ ctx: other.ctx, input: q }), "not_found");
    await expectAppError(getQueueStats({ ctx: other.ctx, input: q }), "not_found");
    await expectAppError(nextItem({ ctx: other.ctx, input: q }), "not_found");
    await expectAppError(updateQueue({ ctx: other.ctx, input: { ...q, name: "x" } }), "not_found");
    await expectAppError(deleteQueue({ ctx: other.ctx, input: q }), "not_found");
    await expectAppError(addItems({ ctx: other.ctx, input: { ...q, generationIds: [g!.id] } }), "not_found");
    await expectAppError(exportQueueCsv({ ctx: other.ctx, input: q }), "not_found");
    await expectAppError(undoLastReview({ ctx: other.ctx, input: q }), "not_found");
    await expectAppError(submitReview({ ctx: other.ctx, input: { itemId: item!.id, verdict: "up" } }), "not_found");
    expect(await listQueues({ ctx: other.ctx })).toEqual([]);
    // Their own queue cannot take this workspace's generations either.
    const { added, skipped } = await createQueue({ ctx: other.ctx, input: { name: "Theft", generationIds: [g!.id] } });
    expect(added).toBe(0);
    expect(skipped[0]!.reason).toBe("No such generation in this workspace.");
  });

  it("assigned reviewers: others neither see nor take work from the queue; editors still see it", async () => {
    const w = await reviewWorkspace(database);
    const [g] = await makeGenerations(w.ctx, 1);
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Only r1", assigneeIds: [w.reviewer1.user.id], generationIds: [g!.id] } });
    expect((await listQueues({ ctx: w.reviewer1.ctx })).map((q) => q.id)).toEqual([queue.id]);
    expect(await listQueues({ ctx: w.reviewer2.ctx })).toEqual([]);
    expect((await listQueues({ ctx: w.editor.ctx })).map((q) => q.id)).toEqual([queue.id]);
    await expectAppError(nextItem({ ctx: w.reviewer2.ctx, input: { queueId: queue.id } }), "forbidden", /assigned to other reviewers/);
    expect((await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } })).item).not.toBeNull();
    await expectAppError(createQueue({ ctx: w.ctx, input: { name: "Bad", assigneeIds: [w.viewer.user.id] } }), "invalid_input", /assigneeIds/);
  });

  it("filter queues sample new matching generations (enqueueGeneration); others are left alone", async () => {
    const w = await reviewWorkspace(database);
    const { queue } = await createQueue({
      ctx: w.editor.ctx,
      input: { name: "Prod v2", filter: { promptId: w.prompt.id, versionIds: [w.v2.id], sources: ["production"] }, samplingRate: 1 },
    });
    const { queue: none } = await createQueue({ ctx: w.editor.ctx, input: { name: "Never", filter: { models: ["claude-opus-4"] }, samplingRate: 1 } });
    const match = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id });
    const wrongVersion = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id });
    const wrongSource = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, source: "playground" });
    const failed = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, status: "error", output: null, error: "boom" });
    expect(await enqueueGeneration(w.ctx, match)).toBe(1);
    for (const g of [wrongVersion, wrongSource, failed]) expect(await enqueueGeneration(w.ctx, g)).toBe(0);
    const items = await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queue.id));
    expect(items.map((i) => i.generationId)).toEqual([match.id]);
    expect(await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, none.id))).toEqual([]);

    // A closed queue stops sampling; a sampling rate keeps roughly that share.
    await updateQueue({ ctx: w.editor.ctx, input: { queueId: queue.id, archived: true } });
    expect(await enqueueGeneration(w.ctx, await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id }))).toBe(0);
    const { queue: tenth } = await createQueue({ ctx: w.editor.ctx, input: { name: "10%", filter: { promptId: w.prompt.id }, samplingRate: 0.1 } });
    const random = vi.spyOn(Math, "random");
    random.mockReturnValue(0.05);
    expect(await enqueueGeneration(w.ctx, await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id }))).toBe(1);
    random.mockReturnValue(0.5);
    expect(await enqueueGeneration(w.ctx, await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id }))).toBe(0);
    random.mockRestore();
    expect(await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, tenth.id))).toHaveLength(1);
  });

  it("pairwise filter queues pair a new generation with the latest one of the same input from another version", async () => {
    const w = await reviewWorkspace(database);
    const { queue } = await createQueue({ ctx: w.editor.ctx, input: { name: "v1 vs v2", mode: "pairwise", filter: { promptId: w.prompt.id } } });
    const vars = { question: "pair me" };
    const a = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v1.id, variables: vars });
    expect(await enqueueGeneration(w.ctx, a)).toBe(0); // nothing to compare with yet
    const other = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables: { question: "different" } });
    expect(await enqueueGeneration(w.ctx, other)).toBe(0);
    const b = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables: vars });
    expect(await enqueueGeneration(w.ctx, b)).toBe(1);
    const [item] = await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queue.id));
    expect([item!.generationId, item!.generationBId].sort()).toEqual([a.id, b.id].sort());
  });

  it("blind mode: no version number, label or model name in what the reviewer receives", async () => {
    const w = await reviewWorkspace(database);
    const model = "claude-secret-model-x";
    const g = await makeGeneration(w.ctx, { promptId: w.prompt.id, promptVersionId: w.v2.id, model, provider: "anthropic", output: "A plain answer.", params: { temperature: 0.3 } });
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Blind", blind: true, generationIds: [g.id], filter: { versionIds: [w.v2.id], models: [model] } } });
    const payloads: unknown[] = [
      await getReviewerQueue({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }),
      await getQueue({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }),
      await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }),
      await getQueueStats({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }),
    ];
    const { item } = payloads[2] as Awaited<ReturnType<typeof nextItem>>;
    payloads.push(await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: "up" } }));
    payloads.push(await undoLastReview({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }));
    const json = JSON.stringify(payloads);
    for (const secret of [model, "anthropic", w.v2.id, w.v2.semver, `"version":2`, "v2", "production", "latest", g.id]) expect(json, secret).not.toContain(secret);
    expect(json).toContain("A plain answer.");
    await expectAppError(exportQueueCsv({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } }), "forbidden", /blind/);

    // Not blind: the same item shows where it came from; editors see a blind queue's breakdown.
    const { queue: open } = await createQueue({ ctx: w.ctx, input: { name: "Open", generationIds: [g.id] } });
    const seen = await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: open.id } });
    expect(seen.item!.outputs[0]!.meta).toEqual({ prompt: w.prompt.slug, version: 2, model });
    expect((await getQueueStats({ ctx: w.editor.ctx, input: { queueId: queue.id } })).byModel).not.toBeNull();
  });

  it("results: progress, thumbs-up per version and model with Wilson and n (playground thumbs count), agreement, CSV", async () => {
    const w = await reviewWorkspace(database);
    const v1 = await makeGenerations(w.ctx, 3, { promptId: w.prompt.id, promptVersionId: w.v1.id, model: "gpt-4o-mini" });
    const v2 = await makeGenerations(w.ctx, 3, { promptId: w.prompt.id, promptVersionId: w.v2.id, model: "gpt-4o" });
    const { queue } = await createQueue({
      ctx: w.ctx,
      input: { name: "Results", reviewsPerItem: 2, rubric: [{ name: "tone", options: ["ok", "off"] }], generationIds: [...v1, ...v2].map((g) => g.id) },
    });
    // Both reviewers grade every item: v1 items get up/up, up/down, down/down; v2 items up/up x3.
    const plan: Record<string, ["up" | "down", "up" | "down"]> = {};
    v1.forEach((g, i) => (plan[g.id] = ([["up", "up"], ["up", "down"], ["down", "down"]] as const)[i]! as ["up" | "down", "up" | "down"]));
    v2.forEach((g) => (plan[g.id] = ["up", "up"]));
    const items = await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queue.id));
    for (const it of items) {
      const [a, b] = plan[it.generationId]!;
      await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: it.id, verdict: a, labels: { tone: a === "up" ? "ok" : "off" }, comment: a === "down" ? '=HYPERLINK("x"), "quoted"' : undefined } });
      await submitReview({ ctx: w.reviewer2.ctx, input: { itemId: it.id, verdict: b } });
    }
    // A playground thumbs-down on a v2 output counts as one more vote for v2.
    await rateGeneration({ ctx: w.editor.ctx, input: { generationId: v2[0]!.id, verdict: "down" } });

    const stats = await getQueueStats({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    expect(stats.progress).toMatchObject({ items: 6, total: 12, done: 12, completedItems: 6, activeLeases: 0 });
    expect(stats.reviewers.map((r) => r.reviews)).toEqual([6, 6]);
    const byVersion = Object.fromEntries(stats.byVersion!.map((r) => [r.label, r]));
    expect(byVersion[`${w.prompt.slug} v1`]).toMatchObject({ up: 3, down: 3, n: 6, playground: 0, rate: 0.5 });
    expect(byVersion[`${w.prompt.slug} v2`]).toMatchObject({ up: 6, down: 1, n: 7, playground: 1 });
    expect(byVersion[`${w.prompt.slug} v2`]!.rate).toBeCloseTo(6 / 7, 10);
    expect(byVersion[`${w.prompt.slug} v1`]!.low).toBeCloseTo(0.1876, 4); // Wilson 3/6
    expect(byVersion[`${w.prompt.slug} v1`]!.high).toBeCloseTo(0.8124, 4);
    expect(stats.byModel!.map((r) => [r.label, r.n])).toEqual([
      ["gpt-4o", 7],
      ["gpt-4o-mini", 6],
    ]);
    // Two raters on 6 items: (up,up) x4, (up,down), (down,down): po = 5/6; r1 up 5/6, r2 up 4/6:
    // pe = 5/6·4/6 + 1/6·2/6 = 22/36; κ = (30/36 - 22/36) / (14/36) = 8/14 = .5714 -> moderate.
    expect(stats.agreement).toMatchObject({ method: "cohen", raters: 2, items: 6, strength: "moderate" });
    expect(stats.agreement.kappa).toBeCloseTo(8 / 14, 10);
    expect(stats.agreement.description).toBe("Moderate agreement (κ = 0.57)");
    expect(stats.labels).toEqual([{ name: "tone", options: [{ option: "ok", count: 5 }, { option: "off", count: 1 }] }]); // reviewer 1 labelled all six

    const { csv, filename } = await exportQueueCsv({ ctx: w.editor.ctx, input: { queueId: queue.id } });
    expect(filename).toMatch(/^reviews-results-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("review_id,created_at,reviewer_email,reviewer_name,item_id,verdict,preferred_generation_id,generation_id,prompt,version,model,label:tone,comment");
    expect(lines).toHaveLength(13);
    // Formula-looking text is defused, quotes doubled.
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
  });

  it("pairwise results: win rate per version and model", async () => {
    const w = await reviewWorkspace(database);
    const pairs = [];
    for (let i = 0; i < 4; i++) {
      const vars = { question: `w${i}` };
      pairs.push(...(await makeGenerations(w.ctx, 1, { promptId: w.prompt.id, promptVersionId: w.v1.id, variables: vars, output: `old ${i}` })));
      pairs.push(...(await makeGenerations(w.ctx, 1, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables: vars, output: `new ${i}` })));
    }
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Pairs", mode: "pairwise", generationIds: pairs.map((g) => g.id) } });
    // New wins three times; the fourth is a tie.
    for (let i = 0; i < 4; i++) {
      const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
      const side = item!.outputs.find((o) => o.text.startsWith("new"))!.side!;
      await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: i === 3 ? "tie" : side } });
    }
    const stats = await getQueueStats({ ctx: w.ctx, input: { queueId: queue.id } });
    const rows = Object.fromEntries(stats.pairwise!.map((r) => [r.label, r]));
    expect(rows[`${w.prompt.slug} v2 · gpt-4o-mini`]).toMatchObject({ n: 4, wins: 3, losses: 0, ties: 1, rate: 0.875 });
    expect(rows[`${w.prompt.slug} v1 · gpt-4o-mini`]).toMatchObject({ n: 4, wins: 0, losses: 3, ties: 1, rate: 0.125 });
    const stored = await database.db.select().from(reviews).where(eq(reviews.queueId, queue.id));
    // Stored against the real generations: every non-tie review names a "new" output, whatever side it was shown on.
    const newIds = new Set(pairs.filter((g) => g.output!.startsWith("new")).map((g) => g.id));
    expect(stored.filter((r) => r.verdict === "tie")).toHaveLength(1);
    for (const r of stored.filter((r) => r.verdict !== "tie")) expect(newIds.has(r.generationId)).toBe(true);
  });

  it("a new reviewer member sees open queues with what is left for them", async () => {
    const w = await reviewWorkspace(database);
    await createQueue({ ctx: w.ctx, input: { name: "Open", generationIds: (await makeGenerations(w.ctx, 3)).map((g) => g.id) } });
    const late = await addMember(database, w.ctx, "reviewer");
    const [q] = await listQueues({ ctx: late.ctx });
    expect(q).toMatchObject({ name: "Open", items: 3, total: 3, done: 0, availableToMe: 3, mine: 0 });
  });
});
