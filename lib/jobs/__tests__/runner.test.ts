import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { openDatabase, type Database } from "@/db/client";
import { jobs } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { defineJob, enqueueJob, getJob, JobRunner, PermanentJobError, type AnyJobDefinition } from "@/lib/jobs";
import { uniq, usingPostgres } from "@/lib/test/db";
import { createIsolatedDatabase, waitUntil } from "@/lib/test/isolated-db";

let database: Database;
let second: Database | undefined; // a second connection pool on Postgres: two runners really run at once
const runners: JobRunner[] = [];
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  database = await createIsolatedDatabase();
  second = database.url ? openDatabase({ url: database.url, max: 5 }) : undefined;
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop({ graceMs: 0 })));
});
afterAll(async () => {
  await second?.close();
  await database?.close();
});

const system = (): Ctx => ({ db: database.db, actor: { kind: "system" } });

/** A clock the test moves: nothing here waits on wall time for an outcome. */
function testClock() {
  let t = Date.now();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

function runner(defs: AnyJobDefinition[], opts: { db?: Database; now?: () => Date; id?: string } = {}) {
  const r = new JobRunner({ db: (opts.db ?? database).db, id: opts.id, now: opts.now, random: () => 0, pollIntervalMs: 3_600_000, logger: quiet });
  for (const d of defs) r.register(d);
  runners.push(r);
  return r;
}

const row = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
const kindName = () => `test.${uniq("k")}`;

describe(`jobs runner (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("two runners on one database never run the same job: 120 jobs, each runs exactly once", async () => {
    const kind = kindName();
    const runs = new Map<number, string[]>();
    const workers = new Set<string>();
    const def = (name: string) =>
      defineJob({
        kind,
        payload: z.object({ n: z.number().int() }),
        concurrency: 4,
        handler: async ({ n }) => {
          runs.set(n, [...(runs.get(n) ?? []), name]);
          workers.add(name);
          // Hold the first jobs until both runners hold one: proves they ran side by side, not one after the other.
          await waitUntil(() => workers.size === 2, "both runners are running jobs");
          return { n };
        },
      });
    const total = 120;
    for (let n = 0; n < total; n++) await enqueueJob({ ctx: system(), input: { kind, payload: { n } } });
    const a = runner([def("A")], { id: "runner-a" });
    const b = runner([def("B")], { id: "runner-b", db: second });
    await Promise.all([a.start(), b.start()]);
    const pollBoth = async () => {
      await Promise.all([a.poll(), b.poll()]);
      const done = await database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.kind, kind));
      return done.filter((j) => j.status === "succeeded").length === total;
    };
    await waitUntil(pollBoth, "every job succeeded", 60_000);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, n) => n));
    expect([...runs.values()].filter((who) => who.length !== 1)).toEqual([]);
    expect(workers).toEqual(new Set(["A", "B"]));
  });

  it("a failing job retries with exponential backoff, then ends failed with its error", async () => {
    const clock = testClock();
    const kind = kindName();
    const seen: number[] = [];
    const def = defineJob({
      kind,
      payload: z.object({}),
      maxAttempts: 3,
      backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0.5 },
      handler: async (_p, { job }) => {
        seen.push(job.attempt);
        throw new Error(`boom on attempt ${job.attempt}`);
      },
    });
    const r = runner([def], { now: clock.now });
    await r.start();
    const job = await enqueueJob({ ctx: system(), input: { kind: def, payload: {}, runAt: clock.now() } });
    expect(job.maxAttempts).toBe(3);

    await waitUntil(async () => (await r.poll(), (await row(job.id)).attempts === 1 && (await row(job.id)).status === "queued"), "attempt 1 failed");
    let j = await row(job.id);
    expect(j.lastError).toBe("boom on attempt 1");
    expect(j.runAt.getTime() - clock.now().getTime()).toBe(1000); // base delay (random() = 0: no jitter taken)

    clock.advance(999);
    await r.poll();
    expect((await row(job.id)).attempts).toBe(1); // not due yet

    clock.advance(1);
    await waitUntil(async () => (await r.poll(), (await row(job.id)).attempts === 2 && (await row(job.id)).status === "queued"), "attempt 2 failed");
    j = await row(job.id);
    expect(j.runAt.getTime() - clock.now().getTime()).toBe(2000); // doubled

    clock.advance(2000);
    await waitUntil(async () => (await r.poll(), (await row(job.id)).status === "failed"), "attempt 3 failed for good");
    j = await row(job.id);
    expect(j).toMatchObject({ status: "failed", attempts: 3, lastError: "boom on attempt 3", lockedBy: null });
    expect(j.finishedAt).not.toBeNull();
    expect(seen).toEqual([1, 2, 3]);
    await expect(getJob({ ctx: system(), input: { id: job.id } })).resolves.toMatchObject({ status: "failed", lastError: "boom on attempt 3" });
  });

  it("a permanent error or an invalid payload fails at once, without retries", async () => {
    const kind = kindName();
    const def = defineJob({
      kind,
      payload: z.object({ ok: z.boolean() }),
      handler: async ({ ok }) => {
        if (!ok) throw new PermanentJobError("the row is gone");
        return "fine";
      },
    });
    const r = runner([def]);
    await r.start();
    const permanent = await enqueueJob({ ctx: system(), input: { kind: def, payload: { ok: false } } });
    const invalid = await enqueueJob({ ctx: system(), input: { kind, payload: { ok: "yes" } } }); // by name: not checked at enqueue
    await waitUntil(async () => (await r.poll(), (await row(permanent.id)).status === "failed" && (await row(invalid.id)).status === "failed"), "both failed");
    expect(await row(permanent.id)).toMatchObject({ attempts: 1, lastError: "the row is gone" });
    expect((await row(invalid.id)).lastError).toMatch(/^Invalid payload: ok:/);
  });

  it("a job whose worker died is re-queued once its lease expires and runs again; a live lease is left alone", async () => {
    const clock = testClock();
    const kind = kindName();
    const ran: string[] = [];
    const def = defineJob({ kind, payload: z.object({ name: z.string() }), concurrency: 2, handler: async ({ name }) => void ran.push(name) });
    const dead = await enqueueJob({ ctx: system(), input: { kind, payload: { name: "dead" }, runAt: clock.now() } });
    const alive = await enqueueJob({ ctx: system(), input: { kind, payload: { name: "alive" }, runAt: clock.now() } });
    // What a worker leaves behind when it is killed mid-job: running, its lease about to run out.
    await database.db.update(jobs).set({ status: "running", lockedBy: "dead-worker", lockedUntil: new Date(clock.now().getTime() + 5_000), attempts: 1 }).where(eq(jobs.id, dead.id));
    await database.db.update(jobs).set({ status: "running", lockedBy: "busy-worker", lockedUntil: new Date(clock.now().getTime() + 60_000), attempts: 1 }).where(eq(jobs.id, alive.id));

    const r = runner([def], { now: clock.now });
    await r.start();
    await r.poll();
    expect(ran).toEqual([]); // both leases still valid
    clock.advance(5_001);
    await waitUntil(async () => (await r.poll(), (await row(dead.id)).status === "succeeded"), "the dead worker's job is recovered");
    expect(ran).toEqual(["dead"]);
    expect(await row(dead.id)).toMatchObject({ attempts: 2, lockedBy: null });
    expect(await row(alive.id)).toMatchObject({ status: "running", lockedBy: "busy-worker" });
    await database.db.update(jobs).set({ status: "cancelled" }).where(eq(jobs.id, alive.id));
  });

  it("a worker that lost its lease cannot record its outcome over the runner that took the job over", async () => {
    const clock = testClock();
    const kind = kindName();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started: string[] = [];
    const def = (name: string, wait: boolean) =>
      defineJob({
        kind,
        payload: z.object({}),
        leaseMs: 60_000, // heartbeats every 20 s of real time: none happen during this test
        handler: async () => {
          started.push(name);
          if (wait) await gate;
          return { by: name };
        },
      });
    const job = await enqueueJob({ ctx: system(), input: { kind, payload: {}, runAt: clock.now() } });
    const slow = runner([def("slow", true)], { now: clock.now, id: "slow" });
    await slow.start();
    await waitUntil(async () => (await slow.poll(), started.includes("slow")), "the slow worker holds the job");
    clock.advance(60_001); // it hung without renewing its lease
    const other = runner([def("other", false)], { now: clock.now, id: "other" });
    await other.start();
    await waitUntil(async () => (await other.poll(), (await row(job.id)).status === "succeeded"), "the other runner completes it");
    release();
    await waitUntil(() => slow.stats()[kind] === 0, "the slow handler returned");
    expect(await row(job.id)).toMatchObject({ status: "succeeded", attempts: 2, result: { by: "other" } });
  });

  it("cancel: a queued job never runs; a running job's signal is aborted and its outcome discarded", async () => {
    const { cancelJob } = await import("@/lib/jobs");
    const kind = kindName();
    const aborted: string[] = [];
    const def = defineJob({
      kind,
      payload: z.object({ name: z.string() }),
      leaseMs: 30, // heartbeat every 10 ms: notices the cancel
      handler: async ({ name }, { signal }) => {
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        aborted.push(name);
        return "should be discarded";
      },
    });
    const queued = await enqueueJob({ ctx: system(), input: { kind, payload: { name: "later" }, delayMs: 3_600_000 } });
    const running = await enqueueJob({ ctx: system(), input: { kind, payload: { name: "now" } } });
    const r = runner([def]);
    await r.start();
    await waitUntil(async () => (await r.poll(), (await row(running.id)).status === "running"), "the job runs");
    await cancelJob({ ctx: system(), input: { id: queued.id } });
    await cancelJob({ ctx: system(), input: { id: running.id } });
    await waitUntil(() => aborted.includes("now"), "the running handler sees the abort");
    await waitUntil(() => r.stats()[kind] === 0, "the slot is free");
    expect(await row(running.id)).toMatchObject({ status: "cancelled", result: null });
    expect(await row(queued.id)).toMatchObject({ status: "cancelled", attempts: 0 });
    await expect(cancelJob({ ctx: system(), input: { id: running.id } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a kind's concurrency bounds how many of its jobs one runner runs at once", async () => {
    const kind = kindName();
    let running = 0;
    let peak = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const def = defineJob({
      kind,
      payload: z.object({}),
      concurrency: 2,
      handler: async () => {
        peak = Math.max(peak, ++running);
        await gate;
        running--;
      },
    });
    for (let i = 0; i < 6; i++) await enqueueJob({ ctx: system(), input: { kind, payload: {} } });
    const r = runner([def]);
    await r.start();
    await waitUntil(async () => (await r.poll(), running === 2), "two jobs run");
    await r.poll();
    await r.poll();
    expect(r.stats()[kind]).toBe(2);
    const counts = await database.db.select({ status: jobs.status }).from(jobs).where(eq(jobs.kind, kind));
    expect(counts.filter((c) => c.status === "queued")).toHaveLength(4);
    release();
    await waitUntil(async () => (await r.poll(), (await database.db.select().from(jobs).where(eq(jobs.kind, kind))).every((j) => j.status === "succeeded")), "all done");
    expect(peak).toBe(2);
  });

  it("stop() puts jobs still running after the grace period back in the queue without using an attempt", async () => {
    const kind = kindName();
    const def = defineJob({ kind, payload: z.object({}), handler: () => new Promise<never>(() => {}) }); // never finishes
    const job = await enqueueJob({ ctx: system(), input: { kind, payload: {} } });
    const r = runner([def]);
    await r.start();
    await waitUntil(async () => (await r.poll(), (await row(job.id)).status === "running"), "the job runs");
    await r.stop({ graceMs: 0 });
    expect(await row(job.id)).toMatchObject({ status: "queued", attempts: 0, lockedBy: null });
  });
});
