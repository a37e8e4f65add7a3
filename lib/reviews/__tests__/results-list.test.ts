import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reviewQueues } from "@/db/schema";
import { createQueue, listQueueReviews, listQueues, nextItem, releaseItem, getQueueStats, sortQueues, submitReview } from "@/lib/reviews";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { makeWorkspace } from "@/lib/test/factories";
import { makeGenerations, reviewWorkspace } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`queue list order and review listing (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("sortQueues puts queues without items last, newest first within each group", () => {
    const q = (id: string, items: number, createdAt: string) => ({ id, items, createdAt });
    const sorted = sortQueues([q("empty-new", 0, "2026-03-05T00:00:00Z"), q("old", 2, "2026-03-01T00:00:00Z"), q("empty-old", 0, "2026-03-02T00:00:00Z"), q("new", 1, "2026-03-04T00:00:00Z")]);
    expect(sorted.map((x) => x.id)).toEqual(["new", "old", "empty-new", "empty-old"]);
  });

  it("listQueues shows an empty queue after the queues with work, even when it is the newest", async () => {
    const w = await reviewWorkspace(database);
    const { queue: full } = await createQueue({ ctx: w.ctx, input: { name: "Has items", generationIds: (await makeGenerations(w.ctx, 2)).map((g) => g.id) } });
    const { queue: empty } = await createQueue({ ctx: w.ctx, input: { name: "Nothing yet" } });
    // Make the empty one unambiguously newer than the other.
    await w.ctx.db.update(reviewQueues).set({ createdAt: new Date(full.createdAt.getTime() + 60_000) }).where(eq(reviewQueues.id, empty.id));
    const list = await listQueues({ ctx: w.ctx });
    expect(list.map((q) => [q.name, q.items])).toEqual([
      ["Has items", 2],
      ["Nothing yet", 0],
    ]);
  });

  it("listQueueReviews returns verdicts with their comments and labels, newest first, to queue readers only", async () => {
    const w = await reviewWorkspace(database);
    const gens = await makeGenerations(w.ctx, 2, { promptId: w.prompt.id, promptVersionId: w.v1.id });
    const { queue } = await createQueue({
      ctx: w.editor.ctx,
      input: { name: "Commented", blind: true, rubric: [{ name: "tone", options: ["ok", "off"] }], generationIds: gens.map((g) => g.id) },
    });
    const first = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: first.item!.itemId, verdict: "up", labels: { tone: "ok" }, comment: "Clear and short." } });
    const second = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    await submitReview({ ctx: w.reviewer1.ctx, input: { itemId: second.item!.itemId, verdict: "down", comment: "   " } });

    const rows = await listQueueReviews({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    expect(rows).toHaveLength(2);
    const byItem = new Map(rows.map((r) => [r.itemId, r]));
    expect(byItem.get(first.item!.itemId)).toMatchObject({ verdict: "up", labels: { tone: "ok" }, comment: "Clear and short." });
    // A blank comment is no comment.
    expect(byItem.get(second.item!.itemId)).toMatchObject({ verdict: "down", comment: null });
    expect(rows.every((r) => typeof r.reviewer === "string" && r.reviewer.length > 0)).toBe(true);
    expect(rows[0]!.createdAt >= rows[1]!.createdAt).toBe(true);
    // Nothing in a row names a version or a model (blind queues show the same list).
    expect(JSON.stringify(rows)).not.toMatch(/gpt-4o-mini|"version"/);
    expect(await listQueueReviews({ ctx: w.reviewer1.ctx, input: { queueId: queue.id, limit: 1 } })).toHaveLength(1);

    // Links to the judged runs: editors of a blind queue get them, its reviewers never do.
    expect(rows.every((r) => r.runIds.length === 0)).toBe(true);
    const asEditor = await listQueueReviews({ ctx: w.editor.ctx, input: { queueId: queue.id } });
    expect(asEditor.map((r) => r.runIds).flat().sort()).toEqual(gens.map((g) => g.id).sort());

    await expectAppError(listQueueReviews({ ctx: w.viewer.ctx, input: { queueId: queue.id } }), "forbidden");
    const other = await makeWorkspace(database);
    await expectAppError(listQueueReviews({ ctx: other.ctx, input: { queueId: queue.id } }), "not_found");
  });

  it("releasing the lease on leaving clears 'being reviewed now'", async () => {
    const w = await reviewWorkspace(database);
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Leaving", generationIds: (await makeGenerations(w.ctx, 2)).map((g) => g.id) } });
    const taken = await nextItem({ ctx: w.reviewer1.ctx, input: { queueId: queue.id } });
    expect((await getQueueStats({ ctx: w.ctx, input: { queueId: queue.id } })).progress.activeLeases).toBe(1);
    expect(await releaseItem({ ctx: w.reviewer1.ctx, input: { itemId: taken.item!.itemId } })).toEqual({ released: true });
    expect((await getQueueStats({ ctx: w.ctx, input: { queueId: queue.id } })).progress.activeLeases).toBe(0);
    // A second release (pagehide after a skip already released it) is harmless.
    expect(await releaseItem({ ctx: w.reviewer1.ctx, input: { itemId: taken.item!.itemId } })).toEqual({ released: false });
  });
});
