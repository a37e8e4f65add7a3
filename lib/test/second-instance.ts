/**
 * A second Promptyard instance in its own process, for multi-instance tests: the hot serving path with its cache on,
 * the event dispatcher on the Redis transport, a plain node:http server on port 0. Spawned by
 * `startSecondInstance()` (lib/test/multi-instance.ts) with DATABASE_URL, REDIS_URL and EVENTS_CHANNEL set; prints
 * `{"port":N}` on its first line of stdout once it serves.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, setDatabase } from "@/db/client";
import { getEventBus, RedisTransport, startEventDispatcher } from "@/lib/events";
import { enableServingCache, handleServingRequest } from "@/lib/serving";

// CommonJS here (no top-level await).
void (async () => {
  const database = openDatabase({ url: process.env.DATABASE_URL!, max: 4 });
  setDatabase(database);
  await startEventDispatcher({
    db: database.db,
    pollIntervalMs: 3_600_000, // this instance never claims on its own: what it learns, it learns from Redis
    transport: new RedisTransport(getEventBus(), { url: process.env.REDIS_URL!, channel: process.env.EVENTS_CHANNEL }),
  });
  enableServingCache();
  const server = createServer((req, res) => {
    if (!handleServingRequest(req, res)) res.writeHead(599).end();
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
})();
