import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import type { Database } from "@/db/client";
import type { WorkspaceCtx } from "@/lib/context";
import { EventBus, EventDispatcher, RedisTransport, emit, type AppEvent, type EventInput, type EventMeta } from "@/lib/events";
import { uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { createIsolatedDatabase, waitUntil } from "@/lib/test/isolated-db";

const redisUrl = process.env.TEST_REDIS_URL?.trim();

/**
 * Two instances on one database and one Redis, each with its own bus and dispatcher (as two server.ts processes
 * have): whichever claims an outbox row, both buses get the event once.
 */
describe.runIf(redisUrl)(`events across instances over Redis pub/sub (${usingPostgres() ? "postgres" : "pglite"}, TEST_REDIS_URL)`, () => {
  let database: Database;
  let ctx: WorkspaceCtx;
  let admin: Redis;
  const open: { dispatcher: EventDispatcher }[] = [];
  const channel = `promptyard:test:${uniq()}`;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    ctx = (await makeWorkspace(database)).ctx;
    admin = new Redis(redisUrl!);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((i) => i.dispatcher.stop()));
  });
  afterAll(async () => {
    await admin?.quit();
    await database?.close();
  });

  async function instance(opts: { onGap?: () => void } = {}) {
    const bus = new EventBus();
    const got: { event: AppEvent; meta: EventMeta }[] = [];
    bus.subscribe("*", (event, meta) => {
      if (event.workspaceId === ctx.workspace.id) got.push({ event, meta });
    });
    const transport = new RedisTransport(bus, { url: redisUrl!, channel, onGap: opts.onGap });
    const dispatcher = new EventDispatcher({ db: database.db, transport, pollIntervalMs: 3_600_000 });
    await dispatcher.start();
    const i = { dispatcher, transport, got, slugs: () => got.map((g) => (g.event as { slug?: string }).slug) };
    open.push(i);
    return i;
  }

  async function emitCommitted(...events: EventInput[]): Promise<number[]> {
    return database.db.transaction(async (tx) => {
      const ids: number[] = [];
      for (const e of events) ids.push((await emit({ ...ctx, db: tx }, e)).id);
      return ids;
    });
  }
  const archived = (slug: string): EventInput => ({ type: "prompt.archived", promptId: "00000000-0000-4000-8000-000000000001", slug });

  it("an event claimed by one instance reaches both buses once, in order, with its meta", async () => {
    const a = await instance();
    const b = await instance();
    const ids = await emitCommitted(archived("one"), archived("two"));

    await a.dispatcher.flush(); // a claims and publishes
    await waitUntil(() => b.got.length === 2, "the other instance receives the batch");
    await b.dispatcher.flush(); // nothing left for b to claim: no second delivery anywhere

    expect(a.slugs()).toEqual(["one", "two"]);
    expect(b.slugs()).toEqual(["one", "two"]);
    expect(b.got.map((g) => g.meta.id)).toEqual(ids);
    expect(b.got[0]!.meta.occurredAt).toBeInstanceOf(Date);
    expect(b.got[0]!.meta.occurredAt.getTime()).toBe(a.got[0]!.meta.occurredAt.getTime());
    expect(b.got[0]!.event).toEqual(a.got[0]!.event);
  });

  it("whichever instance claims, the other hears it (b claims this time)", async () => {
    const a = await instance();
    const b = await instance();
    await emitCommitted(archived("from-b"));
    await b.dispatcher.flush();
    await waitUntil(() => a.got.length === 1, "a receives what b delivered");
    expect(a.slugs()).toEqual(["from-b"]);
    expect(b.slugs()).toEqual(["from-b"]);
  });

  it("ignores a message on the channel that is not JSON, and keeps delivering", async () => {
    const a = await instance();
    const b = await instance();
    await admin.publish(channel, "not json {");
    await emitCommitted(archived("after-garbage"));
    await a.dispatcher.flush();
    await waitUntil(() => b.got.length === 1, "b still receives events");
    expect(b.slugs()).toEqual(["after-garbage"]);
  });

  it("a subscriber that lost its connection reports a gap once it is back, then receives again", async () => {
    let gaps = 0;
    const a = await instance();
    const b = await instance({ onGap: () => gaps++ });
    expect(gaps).toBe(0);
    const name = `promptyard-events-${b.transport.instanceId.slice(0, 8)}-sub`;
    const list = String(await admin.call("CLIENT", "LIST"));
    const id = list.split("\n").find((l) => l.includes(`name=${name}`))?.match(/\bid=(\d+)/)?.[1];
    expect(id, "b's subscriber connection is listed by its name").toBeDefined();
    expect(Number(await admin.call("CLIENT", "KILL", "ID", id!))).toBe(1);
    await waitUntil(() => gaps >= 1, "b reports the gap after reconnecting");
    await waitUntil(async () => String(await admin.call("CLIENT", "LIST")).includes(`name=${name}`), "b's subscriber is back");
    await emitCommitted(archived("after-gap"));
    await a.dispatcher.flush();
    await waitUntil(() => b.got.some((g) => (g.event as { slug?: string }).slug === "after-gap"), "b receives after the reconnect");
  });
});
