import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { eventOutbox, jobs } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { pruneDeliveredEvents } from "@/lib/events";
import { cancelJob, defineJob, enqueueJob, getJob, JobRunner, listJobs, pruneFinishedJobs } from "@/lib/jobs";
import { uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { makeWorkspace } from "@/lib/test/factories";
import { createIsolatedDatabase, waitUntil } from "@/lib/test/isolated-db";

let database: Database;
beforeAll(async () => {
  database = await createIsolatedDatabase();
});
afterAll(() => database?.close());

const system = (): Ctx => ({ db: database.db, actor: { kind: "system" } });
const kindName = () => `test.${uniq("k")}`;

describe(`job status verbs, enqueue rules, retention (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("a workspace sees and cancels only its own jobs (another workspace's are 404); the system sees all", async () => {
    const a = await makeWorkspace(database);
    const b = await makeWorkspace(database);
    const kind = kindName();
    const mine = await enqueueJob({ ctx: a.ctx, input: { kind, payload: { n: 1 } } });
    const theirs = await enqueueJob({ ctx: b.ctx, input: { kind, payload: { n: 2 } } });
    const sys = await enqueueJob({ ctx: system(), input: { kind, payload: { n: 3 } } });
    expect(mine).toMatchObject({ workspaceId: a.ctx.workspace.id, status: "queued", attempts: 0, maxAttempts: 5 });
    expect(sys.workspaceId).toBeNull();

    expect((await listJobs({ ctx: a.ctx, input: { kind } })).map((j) => j.id)).toEqual([mine.id]);
    expect((await listJobs({ ctx: system(), input: { kind } })).map((j) => j.id).sort()).toEqual([mine.id, theirs.id, sys.id].sort());
    await expectAppError(getJob({ ctx: a.ctx, input: { id: theirs.id } }), "not_found");
    await expectAppError(getJob({ ctx: a.ctx, input: { id: sys.id } }), "not_found");
    await expectAppError(cancelJob({ ctx: a.ctx, input: { id: theirs.id } }), "not_found");
    expect((await getJob({ ctx: b.ctx, input: { id: theirs.id } })).status).toBe("queued");
    // A member acting without a workspace (no scope to apply) sees nothing at all.
    await expectAppError(listJobs({ ctx: { db: database.db, actor: { kind: "user", userId: a.owner.id } } }), "forbidden");

    expect(await cancelJob({ ctx: a.ctx, input: { id: mine.id } })).toMatchObject({ status: "cancelled" });
    expect((await listJobs({ ctx: a.ctx, input: { kind, status: "cancelled" } })).map((j) => j.id)).toEqual([mine.id]);
    await expectAppError(cancelJob({ ctx: a.ctx, input: { id: mine.id } }), "conflict", /already been cancelled/);
  });

  it("a key deduplicates queued and running jobs of a kind; once finished, the key is free again", async () => {
    const kind = kindName();
    const first = await enqueueJob({ ctx: system(), input: { kind, key: "rollup:2026-11-30" } });
    const again = await enqueueJob({ ctx: system(), input: { kind, key: "rollup:2026-11-30" } });
    const other = await enqueueJob({ ctx: system(), input: { kind, key: "rollup:2026-12-01" } });
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    await cancelJob({ ctx: system(), input: { id: first.id } });
    const after = await enqueueJob({ ctx: system(), input: { kind, key: "rollup:2026-11-30" } });
    expect(after.id).not.toBe(first.id);
  });

  it("enqueue validates: the kind's name, the payload against its definition, the payload's size, limits", async () => {
    const def = defineJob({ kind: kindName(), payload: z.object({ runId: z.uuid() }), maxAttempts: 2, handler: async () => null });
    await expectAppError(enqueueJob({ ctx: system(), input: { kind: def, payload: { runId: "nope" } } }), "invalid_input", /payload of test\..*: runId/);
    expect((await enqueueJob({ ctx: system(), input: { kind: def, payload: { runId: crypto.randomUUID() } } })).maxAttempts).toBe(2);
    await expect(enqueueJob({ ctx: system(), input: { kind: "Not A Kind" } })).rejects.toThrow(/domain\.action/);
    await expect(enqueueJob({ ctx: system(), input: { kind: kindName(), maxAttempts: 0 } })).rejects.toThrow(/maxAttempts must be 1 or more/);
    await expectAppError(enqueueJob({ ctx: system(), input: { kind: kindName(), payload: { blob: "x".repeat(300 * 1024) } } }), "invalid_input", /at most 256 KiB/);
  });

  it("enqueued inside a transaction that rolls back, a job never exists", async () => {
    const kind = kindName();
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueJob({ ctx: { db: tx, actor: { kind: "system" } }, input: { kind } });
        throw new Error("the mutation failed");
      }),
    ).rejects.toThrow(/mutation failed/);
    expect(await listJobs({ ctx: system(), input: { kind } })).toEqual([]);
  });

  it("a recurring kind keeps exactly one job scheduled, even with two runners starting", async () => {
    const kind = kindName();
    let runs = 0;
    const def = defineJob({ kind, payload: z.object({}).loose(), everyMs: 3_600_000, handler: async () => ++runs });
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const a = new JobRunner({ db: database.db, pollIntervalMs: 3_600_000, logger: quiet }).register(def);
    const b = new JobRunner({ db: database.db, pollIntervalMs: 3_600_000, logger: quiet }).register(def);
    const c = new JobRunner({ db: database.db, pollIntervalMs: 3_600_000, logger: quiet }).register(def);
    try {
      await Promise.all([a.start(), b.start()]);
      await waitUntil(async () => (await Promise.all([a.poll(), b.poll()]), (await listJobs({ ctx: system(), input: { kind, status: "succeeded" } })).length === 1), "the first run");
      // A restart right after the run (a third runner starting now) does not run it again.
      await c.start();
      await c.poll();
      const all = await listJobs({ ctx: system(), input: { kind } });
      expect(all.map((j) => j.status).sort()).toEqual(["queued", "succeeded"]); // the next one, an hour later
      expect(all.find((j) => j.status === "queued")!.runAt.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
      expect(runs).toBe(1);
    } finally {
      await Promise.all([a.stop({ graceMs: 0 }), b.stop({ graceMs: 0 }), c.stop({ graceMs: 0 })]);
    }
  });

  it("retention deletes delivered events and finished jobs older than the cut-off, nothing pending", async () => {
    const { ctx } = await makeWorkspace(database);
    const old = new Date(Date.now() - 10 * 24 * 3600_000);
    const [delivered, pending] = await database.db
      .insert(eventOutbox)
      .values([
        { workspaceId: ctx.workspace.id, type: "prompt.archived", payload: {}, actorType: "system", deliveredAt: old },
        { workspaceId: ctx.workspace.id, type: "prompt.archived", payload: {}, actorType: "system" },
      ])
      .returning();
    const cut = new Date(Date.now() - 7 * 24 * 3600_000);
    expect(await pruneDeliveredEvents(database.db, cut)).toBeGreaterThanOrEqual(1);
    expect(await database.db.select().from(eventOutbox).where(eq(eventOutbox.id, delivered!.id))).toEqual([]);
    expect(await database.db.select().from(eventOutbox).where(eq(eventOutbox.id, pending!.id))).toHaveLength(1);

    const kind = kindName();
    const done = await enqueueJob({ ctx: system(), input: { kind } });
    const queued = await enqueueJob({ ctx: system(), input: { kind } });
    await database.db.update(jobs).set({ status: "succeeded", finishedAt: old }).where(eq(jobs.id, done.id));
    await pruneFinishedJobs(database.db, cut);
    expect((await listJobs({ ctx: system(), input: { kind } })).map((j) => j.id)).toEqual([queued.id]);
  });
});
