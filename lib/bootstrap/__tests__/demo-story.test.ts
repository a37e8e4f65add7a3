import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { generations, labelEvents, promptVersions, reviewQueues, reviews, workspaces } from "@/db/schema";
import { DEMO_WORKSPACE, ensureDemo } from "@/lib/bootstrap";
import { createTestDatabase } from "@/lib/test/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe("the demo tells one consistent story", () => {
  it("runs come after the versions they ran, reviews after the runs, and promotion reasons quote no counts the queues lack", async () => {
    await ensureDemo(database.db);
    const db = database.db;
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.slug, DEMO_WORKSPACE.slug));
    const gens = await db
      .select({ id: generations.id, at: generations.createdAt, startedAt: generations.startedAt, versionAt: promptVersions.createdAt })
      .from(generations)
      .innerJoin(promptVersions, eq(promptVersions.id, generations.promptVersionId))
      .where(eq(generations.workspaceId, ws!.id));
    expect(gens.length).toBeGreaterThan(0);
    expect(gens.filter((g) => g.startedAt < g.versionAt || g.at < g.versionAt)).toEqual([]);

    const runAt = new Map(gens.map((g) => [g.id, g.at]));
    const given = await db.select().from(reviews).where(eq(reviews.workspaceId, ws!.id));
    expect(given.filter((r) => r.createdAt < runAt.get(r.generationId)!)).toEqual([]);

    // A reason that cites a head-to-head score must match a queue's recorded reviews; the demo's queues hold far fewer.
    const queueReviews = given.filter((r) => r.queueId !== null).length;
    const queues = await db.select().from(reviewQueues).where(eq(reviewQueues.workspaceId, ws!.id));
    expect(queues.length).toBe(2);
    const moves = await db.select().from(labelEvents).where(eq(labelEvents.workspaceId, ws!.id));
    for (const m of moves) {
      for (const [, a, b] of m.reason.matchAll(/(\d+) to (\d+)/g)) expect(Number(a) + Number(b), m.reason).toBeLessThanOrEqual(queueReviews);
    }
  });
});
