import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reviewLeases, reviews, type Generation } from "@/db/schema";
import { createQueue, nextItem, releaseItem, submitReview, undoLastReview, UNDO_WINDOW_MS } from "@/lib/reviews";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { makeGenerations, reviewWorkspace } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function queueWith(n: number, opts: { reviewsPerItem?: number; mode?: "single" | "pairwise"; rubric?: { name: string; options: string[] }[]; allowComment?: boolean } = {}) {
  const w = await reviewWorkspace(database);
  const gens = await makeGenerations(w.ctx, n, { promptId: w.prompt.id, promptVersionId: w.v1.id });
  const { queue, added } = await createQueue({
    ctx: w.editor.ctx,
    input: { name: "Q", mode: opts.mode ?? "single", reviewsPerItem: opts.reviewsPerItem ?? 1, rubric: opts.rubric, allowComment: opts.allowComment, generationIds: gens.map((g) => g.id) },
  });
  expect(added).toBe(n);
  return { ...w, queue, gens };
}

describe(`taking work (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("two reviewers asking concurrently 200 times never get the same item slot", async () => {
    const w = await queueWith(400);
    const seen = new Set<string>();
    for (let round = 0; round < 200; round++) {
      const [a, b] = await Promise.all([
        nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } }),
        nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } }),
      ]);
      expect(a.item, `round ${round}`).not.toBeNull();
      expect(b.item, `round ${round}`).not.toBeNull();
      expect(a.item!.itemId, `round ${round}: both reviewers got the same slot`).not.toBe(b.item!.itemId);
      // One review per item is wanted: an item handed out once must never be handed out again.
      expect(seen.has(a.item!.itemId) || seen.has(b.item!.itemId)).toBe(false);
      seen.add(a.item!.itemId);
      seen.add(b.item!.itemId);
      await Promise.all([
        submitReview({ ctx: w.reviewer1.ctx, input: { itemId: a.item!.itemId, verdict: "up" } }),
        submitReview({ ctx: w.reviewer2.ctx, input: { itemId: b.item!.itemId, verdict: "down" } }),
      ]);
    }
    const done = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    expect(done.item).toBeNull();
    expect(done.progress).toMatchObject({ items: 400, total: 400, done: 400, mine: 200, mineToday: 200 });
  }, 180_000);

  it("one item, one slot: 200 concurrent rounds hand it to exactly one of the two each time", async () => {
    const w = await queueWith(1);
    const winners = { r1: 0, r2: 0 };
    for (let round = 0; round < 200; round++) {
      const [a, b] = await Promise.all([
        nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } }),
        nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } }),
      ]);
      expect([a.item, b.item].filter(Boolean), `round ${round}`).toHaveLength(1);
      const [winner, itemId] = a.item ? (["r1", a.item.itemId] as const) : (["r2", b.item!.itemId] as const);
      winners[winner]++;
      await releaseItem({ ctx: (winner === "r1" ? w.reviewer1 : w.reviewer2).ctx, input: { itemId } });
    }
    expect(winners.r1 + winners.r2).toBe(200);
  }, 120_000);

  it("two reviews per item: the two reviewers share each item, and a third person finds no slot", async () => {
    const w = await queueWith(3, { reviewsPerItem: 2 });
    const a = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    const b = await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } });
    expect(a.item!.itemId).toBe(b.item!.itemId); // oldest first: the same item, two slots
    const third = await nextItem({ ctx: w.editor.ctx, input: { queueId: w.queue.id } });
    expect(third.item!.itemId).not.toBe(a.item!.itemId);
  });

  it("a reload resumes the reviewer's own lease; skipping releases it and is not offered again", async () => {
    const w = await queueWith(3);
    const first = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    const again = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    expect(again.item!.itemId).toBe(first.item!.itemId);
    const skipped = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id, exclude: [first.item!.itemId] } });
    expect(skipped.item!.itemId).not.toBe(first.item!.itemId);
    // The skipped item went back to the pool: someone else gets it.
    const other = await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } });
    expect(other.item!.itemId).toBe(first.item!.itemId);
  });

  it("leases expire: an abandoned item returns to the pool, and its late review finds no slot", async () => {
    const w = await queueWith(1);
    const a = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    expect((await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } })).item).toBeNull();
    expect(new Date(a.item!.leaseExpiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);

    await database.db
      .update(reviewLeases)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(reviewLeases.itemId, a.item!.itemId));
    const b = await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } });
    expect(b.item!.itemId).toBe(a.item!.itemId);
    await expectAppError(submitReview({ ctx: w.reviewer1.ctx, input: { itemId: a.item!.itemId, verdict: "up" } }), "conflict", /already has the reviews it needs/);
    await submitReview({ ctx: w.reviewer2.ctx, input: { itemId: b.item!.itemId, verdict: "up" } });
  });

  it("submitting without a lease takes a free slot; a second review of the same item is a 409", async () => {
    const w = await queueWith(1, { reviewsPerItem: 2 });
    const a = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    await submitReview({ ctx: w.reviewer2.ctx, input: { itemId: a.item!.itemId, verdict: "down" } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: a.item!.itemId, verdict: "up" } });
    await expectAppError(submitReview({ ctx: w.reviewer1.ctx, input: { itemId: a.item!.itemId, verdict: "up" } }), "conflict", /already reviewed/);
    expect((await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } })).item).toBeNull();
  });

  it("validates verdicts, labels and comments against the queue", async () => {
    const w = await queueWith(1, { rubric: [{ name: "tone", options: ["on-brand", "off-brand"] }], allowComment: false });
    const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    const submit = (input: Record<string, unknown>) => submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: "up", ...input } });
    await expectAppError(submit({ verdict: "A" }), "invalid_input", /"up" or "down"/);
    await expectAppError(submit({ labels: { mood: "x" } }), "invalid_input", /labels\.mood: this queue's rubric has no label "mood"/);
    await expectAppError(submit({ labels: { tone: "loud" } }), "invalid_input", /labels\.tone: "loud" is not an option/);
    await expectAppError(submit({ comment: "hi" }), "invalid_input", /takes no comments/);
    const ok = await submit({ labels: { tone: "off-brand" } });
    expect(ok).toMatchObject({ verdict: "up", labels: { tone: "off-brand" }, comment: null });
  });

  it("undo deletes the latest own review (within 10 minutes) and leases its item back", async () => {
    const w = await queueWith(2);
    const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: "down" } });
    const undone = await undoLastReview({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } });
    expect(undone.item!.itemId).toBe(item!.itemId);
    expect(undone.undone.verdict).toBe("down");
    expect(undone.progress.done).toBe(0);
    // Leased back to the same reviewer: the next call resumes it, nobody else gets it.
    expect((await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } })).item!.itemId).toBe(item!.itemId);
    expect((await nextItem({ ctx: w.reviewer2.ctx, input: { queueId: w.queue.id } })).item!.itemId).not.toBe(item!.itemId);
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: "up" } });

    // Older than the window: nothing to undo.
    await database.db
      .update(reviews)
      .set({ createdAt: new Date(Date.now() - UNDO_WINDOW_MS - 1000) })
      .where(and(eq(reviews.queueId, w.queue.id), eq(reviews.reviewerId, w.reviewer1.user.id)));
    await expectAppError(undoLastReview({ ctx: w.reviewer1.ctx, input: { queueId: w.queue.id } }), "conflict", /Nothing to undo/);
  });

  it("pairwise: A/B as shown are stored against the real generations through `swapped`", async () => {
    const w = await reviewWorkspace(database);
    const pairs: [Generation, Generation][] = [];
    for (let i = 0; i < 6; i++) {
      const vars = { question: `q${i}` };
      const [a] = await makeGenerations(w.ctx, 1, { promptId: w.prompt.id, promptVersionId: w.v1.id, variables: vars, output: `v1 answer ${i}` });
      const [b] = await makeGenerations(w.ctx, 1, { promptId: w.prompt.id, promptVersionId: w.v2.id, variables: vars, output: `v2 answer ${i}` });
      pairs.push([a!, b!]);
    }
    const { queue, added } = await createQueue({ ctx: w.ctx, input: { name: "P", mode: "pairwise", generationIds: pairs.flat().map((g) => g.id) } });
    expect(added).toBe(6);
    const v2Ids = new Set(pairs.map((p) => p[1].id));
    for (let i = 0; i < 6; i++) {
      const { item } = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
      expect(item!.outputs.map((o) => o.side)).toEqual(["A", "B"]);
      // Always prefer whichever side shows the v2 output.
      const v2Side = item!.outputs.find((o) => o.text.startsWith("v2"))!.side!;
      await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: item!.itemId, verdict: v2Side } });
    }
    const stored = await database.db.select().from(reviews).where(eq(reviews.queueId, queue.id));
    expect(stored).toHaveLength(6);
    for (const r of stored) expect(v2Ids.has(r.generationId)).toBe(true);
  });
});
