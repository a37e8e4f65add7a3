import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eventOutbox } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { EventBus, EventDispatcher, InProcessTransport, emit, type AppEvent, type EventInput, type EventMeta } from "@/lib/events";
import { usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { createIsolatedDatabase, waitUntil } from "@/lib/test/isolated-db";

let database: Database;
let ctx: WorkspaceCtx;
const dispatchers: EventDispatcher[] = [];

beforeAll(async () => {
  database = await createIsolatedDatabase();
  ctx = (await makeWorkspace(database)).ctx;
});
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
});
afterAll(() => database?.close());

const PROMPT_ID = "00000000-0000-4000-8000-000000000001";

function archived(slug: string): EventInput {
  return { type: "prompt.archived", promptId: PROMPT_ID, slug };
}

/** A dispatcher "as a fresh start would create it": its own bus, a recorder of what reached it. */
function freshDispatcher(opts: { pollIntervalMs?: number; batchSize?: number; logger?: { warn(m: string): void; error(m: string): void }; now?: () => Date } = {}) {
  const bus = new EventBus(opts.logger);
  const got: { event: AppEvent; meta: EventMeta }[] = [];
  bus.subscribe("*", (event, meta) => {
    if (event.workspaceId === ctx.workspace.id) got.push({ event, meta });
  });
  const dispatcher = new EventDispatcher({ db: database.db, transport: new InProcessTransport(bus), pollIntervalMs: opts.pollIntervalMs ?? 60_000, batchSize: opts.batchSize, logger: opts.logger, now: opts.now });
  dispatchers.push(dispatcher);
  return { dispatcher, bus, got, slugs: () => got.map((g) => (g.event as { slug?: string }).slug) };
}

async function emitCommitted(...events: EventInput[]): Promise<number[]> {
  return database.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const e of events) ids.push((await emit({ ...ctx, db: tx }, e)).id);
    return ids;
  });
}

describe(`event outbox and dispatcher (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("delivers a committed event exactly once, after commit, with its workspace and meta", async () => {
    const a = freshDispatcher();
    const [id] = await emitCommitted(archived("once"));
    expect(a.got).toEqual([]); // nothing runs before a pass (no delivery inside the transaction)

    await a.dispatcher.flush();
    expect(a.got).toHaveLength(1);
    expect(a.got[0]!.event).toEqual({ type: "prompt.archived", workspaceId: ctx.workspace.id, promptId: PROMPT_ID, slug: "once" });
    expect(a.got[0]!.meta).toMatchObject({ id, attempt: 1, actor: { type: "user", id: ctx.actor.kind === "user" ? ctx.actor.userId : null } });

    await a.dispatcher.flush();
    const b = freshDispatcher();
    await b.dispatcher.start(); // a restart does not redeliver
    expect(a.got).toHaveLength(1);
    expect(b.got).toEqual([]);
    const [row] = await database.db.select().from(eventOutbox).where(eq(eventOutbox.id, id!));
    expect(row!.deliveredAt).not.toBeNull();
    expect(row!.claimedBy).toBeNull();
  });

  it("never delivers an event whose transaction rolled back", async () => {
    const a = freshDispatcher();
    let emittedId = 0;
    await expect(
      database.db.transaction(async (tx) => {
        emittedId = (await emit({ ...ctx, db: tx }, archived("rolled-back"))).id;
        throw new Error("the mutation fails after emitting");
      }),
    ).rejects.toThrow(/mutation fails/);
    expect(emittedId).toBeGreaterThan(0);
    await a.dispatcher.flush();
    expect(a.slugs()).not.toContain("rolled-back");
    expect(await database.db.select().from(eventOutbox).where(eq(eventOutbox.id, emittedId))).toEqual([]);
  });

  it("after a kill between commit and dispatch, the event is delivered at the next start", async () => {
    // The "killed" process committed but never dispatched: no dispatcher ran at all.
    await emitCommitted(archived("crash-1"), archived("crash-2"));
    const restarted = freshDispatcher();
    await restarted.dispatcher.start(); // start delivers leftovers before it returns
    expect(restarted.slugs()).toEqual(["crash-1", "crash-2"]);
  });

  it("a claim left by a dispatcher that died mid-delivery is taken over once its lease expires", async () => {
    const [expired, live] = await emitCommitted(archived("dead-claim"), archived("live-claim"));
    const now = new Date();
    await database.db.update(eventOutbox).set({ claimedBy: "dead", claimedUntil: new Date(now.getTime() - 1), attempts: 1 }).where(eq(eventOutbox.id, expired!));
    await database.db.update(eventOutbox).set({ claimedBy: "alive", claimedUntil: new Date(now.getTime() + 60_000), attempts: 1 }).where(eq(eventOutbox.id, live!));
    const a = freshDispatcher();
    await a.dispatcher.flush();
    expect(a.slugs()).toEqual(["dead-claim"]);
    expect(a.got[0]!.meta.attempt).toBe(2); // subscribers can tell a redelivery
    // The live claim belongs to its (running) owner: not delivered twice.
    await database.db.update(eventOutbox).set({ deliveredAt: now }).where(eq(eventOutbox.id, live!));
  });

  it("the poll delivers commits nobody flushed (the backstop)", async () => {
    const a = freshDispatcher({ pollIntervalMs: 10 });
    await a.dispatcher.start();
    await emitCommitted(archived("polled"));
    await waitUntil(() => a.slugs().includes("polled"), "the poll delivers the event");
    expect(a.slugs().filter((s) => s === "polled")).toHaveLength(1);
  });

  it("two dispatchers on one database (two instances) deliver each event once between them", async () => {
    const slugs = Array.from({ length: 60 }, (_, i) => `multi-${i}`);
    await emitCommitted(...slugs.map(archived));
    // Small batches: each claim takes 7 rows (and only 7) while the other dispatcher claims in between.
    const a = freshDispatcher({ batchSize: 7 });
    const b = freshDispatcher({ batchSize: 7 });
    await Promise.all([a.dispatcher.flush(), b.dispatcher.flush(), a.dispatcher.flush(), b.dispatcher.flush()]);
    const all = [...a.slugs(), ...b.slugs()].filter((s) => s?.startsWith("multi-")).sort();
    expect(all).toEqual([...slugs].sort());
  });

  it("claims at most batchSize rows at a time, in id order", async () => {
    const ids = await emitCommitted(...Array.from({ length: 17 }, (_, i) => archived(`batch-${i}`)));
    const batches: number[][] = [];
    const dispatcher = new EventDispatcher({
      db: database.db,
      batchSize: 5,
      transport: { publish: async (batch) => void batches.push(batch.map((d) => d.meta.id).filter((id) => ids.includes(id))) },
    });
    dispatchers.push(dispatcher);
    await dispatcher.flush();
    expect(batches.map((b) => b.length)).toEqual([5, 5, 5, 2]);
    expect(batches.flat()).toEqual(ids);
  });

  it("a failing subscriber is logged by type and id (never the payload) and does not stop the others", async () => {
    const logs: string[] = [];
    const logger = { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
    const a = freshDispatcher({ logger });
    a.bus.subscribe("prompt.archived", () => {
      throw new Error("cache is down");
    }, "broken-cache");
    const [id] = await emitCommitted(archived("secret-looking-slug"));
    await a.dispatcher.flush();
    expect(a.slugs()).toEqual(["secret-looking-slug"]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(`"broken-cache" failed on prompt.archived #${id}: Error: cache is down`);
    expect(logs[0]).not.toContain("secret-looking-slug");
    const [row] = await database.db.select().from(eventOutbox).where(eq(eventOutbox.id, id!));
    expect(row!.deliveredAt).not.toBeNull();
  });

  it("flush waits for events committed before it, even while a pass is already running", async () => {
    const a = freshDispatcher();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let blocked = true;
    a.bus.subscribe("prompt.archived", async (e) => {
      if (e.slug === "first" && blocked) await gate;
    });
    await emitCommitted(archived("first"));
    const first = a.dispatcher.flush(); // claims "first" and blocks in the subscriber
    await waitUntil(() => a.slugs().includes("first"), "the first pass reaches the subscriber");
    await emitCommitted(archived("second")); // committed while that pass runs: it did not claim it
    const second = a.dispatcher.flush();
    blocked = false;
    release();
    await Promise.all([first, second]);
    expect(a.slugs()).toEqual(["first", "second"]);
  });

  it("a subscriber may flush (or emit and flush) without deadlocking on the pass that runs it", async () => {
    const a = freshDispatcher();
    a.bus.subscribe("prompt.archived", async (e) => {
      if (e.slug === "outer") {
        await emitCommitted(archived("from-subscriber"));
        await a.dispatcher.flush(); // returns at once: a follow-up pass delivers it
      }
    });
    await emitCommitted(archived("outer"));
    await a.dispatcher.flush();
    await waitUntil(() => a.slugs().includes("from-subscriber"), "the follow-up pass delivers the nested event");
    expect(a.slugs()).toEqual(["outer", "from-subscriber"]);
  });

  it("stop() delivers what was committed before shutdown; a stopped dispatcher's flush is a no-op", async () => {
    const a = freshDispatcher();
    await a.dispatcher.start();
    await emitCommitted(archived("before-shutdown"));
    await a.dispatcher.stop();
    expect(a.slugs()).toEqual(["before-shutdown"]);
    await emitCommitted(archived("after-shutdown"));
    await a.dispatcher.flush();
    expect(a.slugs()).toEqual(["before-shutdown"]);
    const next = freshDispatcher();
    await next.dispatcher.start();
    expect(next.slugs()).toEqual(["after-shutdown"]);
  });

  it("a hung subscriber cannot hold a flush (and the request waiting on it) past flushTimeoutMs", async () => {
    const logs: string[] = [];
    const bus = new EventBus();
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    let reached = false;
    bus.subscribe("prompt.archived", async () => {
      reached = true;
      await hung;
    });
    const dispatcher = new EventDispatcher({ db: database.db, transport: new InProcessTransport(bus), flushTimeoutMs: 50, logger: { warn: (m) => logs.push(m), error: (m) => logs.push(m) } });
    dispatchers.push(dispatcher);
    await emitCommitted(archived("hangs"));
    const flushed = dispatcher.flush();
    await waitUntil(() => reached, "the subscriber is running");
    await flushed; // resolves although the subscriber has not returned
    expect(logs.join("\n")).toMatch(/still running after 50 ms/);
    release();
  });

  it("emit refuses to run outside a transaction and rejects an event that does not match its schema", async () => {
    await expect(emit(ctx, archived("no-tx"))).rejects.toThrow(/inside the transaction/);
    await expect(
      database.db.transaction((tx) => emit({ ...ctx, db: tx }, { type: "label.moved", promptId: PROMPT_ID, slug: "x", label: "production", fromVersion: null, toVersion: 0, kind: "promote", labelEventId: 1 })),
    ).rejects.toThrow(/Invalid label.moved event: toVersion/);
  });

  it("a row whose type this release does not know is skipped with a warning, not retried forever", async () => {
    const logs: string[] = [];
    const a = freshDispatcher({ logger: { warn: (m) => logs.push(m), error: (m) => logs.push(m) } });
    const [row] = await database.db.insert(eventOutbox).values({ workspaceId: ctx.workspace.id, type: "future.thing", payload: {}, actorType: "system" }).returning();
    await a.dispatcher.flush();
    expect(logs.join("\n")).toMatch(new RegExp(`#${row!.id} \\(future.thing\\)`));
    const [after] = await database.db.select().from(eventOutbox).where(inArray(eventOutbox.id, [row!.id]));
    expect(after!.deliveredAt).not.toBeNull();
  });
});
