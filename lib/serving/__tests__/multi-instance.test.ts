import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { getEventBus, RedisTransport, startEventDispatcher, stopEventDispatcher } from "@/lib/events";
import { moveLabel } from "@/lib/labels";
import { commitVersion, createPrompt } from "@/lib/prompts";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { startSecondInstance } from "@/lib/test/multi-instance";

const redisUrl = process.env.TEST_REDIS_URL?.trim();
const databaseUrl = process.env.TEST_DATABASE_URL?.trim();

/**
 * Two processes on one PostgreSQL and one Redis: a label moved through this one is served by the other's warm cache
 * at once (before the Redis transport, the other instance served the old version until its cache entry aged out).
 */
describe.runIf(redisUrl && databaseUrl)("serving cache across two instances (postgres + TEST_REDIS_URL)", () => {
  let database: Database;
  let other: Awaited<ReturnType<typeof startSecondInstance>>;
  const channel = `promptyard:test:${uniq()}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    setDatabase(database);
    await startEventDispatcher({ db: database.db, pollIntervalMs: 3_600_000, transport: new RedisTransport(getEventBus(), { url: redisUrl!, channel }) });
    other = await startSecondInstance({ databaseUrl: databaseUrl!, redisUrl: redisUrl!, channel });
  }, 60_000);
  afterAll(async () => {
    await other?.stop();
    await stopEventDispatcher();
    await database?.close();
  });

  it("every label move made here is what the other instance serves on the next read", async () => {
    const { ctx } = await makeWorkspace(database);
    const slug = uniq("multi");
    await createPrompt({ ctx, input: { slug, type: "text", content: "v1 text", message: "v1" } });
    for (let v = 2; v <= 5; v++) await commitVersion({ ctx, input: { slug, content: `v${v} text`, message: `v${v}` } });
    const { key } = await createApiKey({ ctx, input: { name: uniq("k"), scopes: ["prompts:read"] } });
    const read = async () => {
      const r = await fetch(`${other.base}/prompts/${slug}?label=production`, { headers: { authorization: `Bearer ${key}` } });
      return r.status === 200 ? ((await r.json()) as { version: number }).version : r.status;
    };

    expect(await read()).toBe(404); // no production yet (and the key is now cached over there)
    for (const v of [1, 3, 2, 5, 4]) {
      await moveLabel({ ctx, input: { slug, label: "production", version: v, reason: `to v${v}` } });
      expect(await read()).toBe(v); // warm: the same selector was served (and cached) one move earlier
      expect(await read()).toBe(v);
    }
  }, 60_000);
});
