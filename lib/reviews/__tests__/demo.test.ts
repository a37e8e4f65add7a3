import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { memberships, reviewItems, reviewQueues, reviews, users, workspaces } from "@/db/schema";
import { DEMO_WORKSPACE, ensureDemo } from "@/lib/bootstrap";
import { getQueueStats, nextItem } from "@/lib/reviews";
import { loadWorkspaceForUser } from "@/lib/workspaces";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`demo review queues (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("the demo workspace gets a half-reviewed queue and a blind pairwise queue, once", async () => {
    await ensureDemo(database.db);
    await ensureDemo(database.db);
    const [ws] = await database.db.select().from(workspaces).where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
    const queues = await database.db.select().from(reviewQueues).where(eq(reviewQueues.workspaceId, ws!.id));
    const names = queues.map((q) => q.name).sort();
    expect(names).toEqual(["Support replies: weekly quality sample", "Support reply: which would you send? (blind)"]);

    const single = queues.find((q) => q.mode === "single")!;
    const pair = queues.find((q) => q.mode === "pairwise")!;
    expect(pair.blind).toBe(true);
    expect(single.filter).toMatchObject({ sources: ["production"] });
    expect(await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, single.id))).toHaveLength(8);
    expect(await database.db.select().from(reviewItems).where(eq(reviewItems.queueId, pair.id))).toHaveLength(6);

    const [marco] = await database.db.select().from(users).where(eq(users.email, "marco@promptyard.dev"));
    const [owner] = await database.db.select().from(users).where(eq(users.email, "demo@promptyard.dev"));
    const given = await database.db.select().from(reviews).where(inArray(reviews.queueId, [single.id, pair.id]));
    expect(new Set(given.map((r) => r.reviewerId))).toEqual(new Set([marco!.id, owner!.id]));

    const ownerCtx = await loadWorkspaceForUser(database.db, owner!.id, DEMO_WORKSPACE.slug);
    const stats = await getQueueStats({ ctx: ownerCtx, input: { queueId: single.id } });
    expect(stats.progress).toMatchObject({ items: 8, total: 16, done: 11, completedItems: 5 });
    expect(stats.agreement).toMatchObject({ method: "cohen", raters: 2, items: 5 });
    expect(stats.byVersion!.map((r) => r.label)).toEqual(["support/reply v3"]);
    const pairStats = await getQueueStats({ ctx: ownerCtx, input: { queueId: pair.id } });
    expect(pairStats.progress).toMatchObject({ items: 6, done: 3 });
    expect(pairStats.pairwise!.map((r) => r.label).sort()).toEqual(["support/reply v3 · gpt-4o-mini", "support/reply v4 · gpt-4o"]);

    // Marco (reviewer) still has work in both; the blind one names no model.
    const [m] = await database.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, ws!.id), eq(memberships.userId, marco!.id)));
    expect(m!.role).toBe("reviewer");
    const marcoCtx = await loadWorkspaceForUser(database.db, marco!.id, DEMO_WORKSPACE.slug);
    const blindItem = await nextItem({ ctx: marcoCtx, input: { queueId: pair.id } });
    expect(blindItem.item).not.toBeNull();
    expect(JSON.stringify(blindItem)).not.toMatch(/gpt-4o|"version"/);
    expect((await nextItem({ ctx: marcoCtx, input: { queueId: single.id } })).item).not.toBeNull();
  });
});
