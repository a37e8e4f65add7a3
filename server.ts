/**
 * One process, one port: the Next.js app, and (with their issues) the realtime upgrade and the hot serving path.
 * Start-up opens and migrates the database, runs headless init and the demo, then starts Next.
 */
import { createServer } from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";
import { deriveKey, resolveSecret } from "@/lib/config/secret";
import { bootstrap } from "@/lib/bootstrap";
import { parseTrustedProxies, stampClientIp } from "@/lib/auth";
import { answerMalformedPath } from "@/lib/http";
import { createAppRealtimeServer, invalidateMembership, realtimeSecret } from "@/lib/realtime";
import { eventsPruneJob, getEventBus, RedisTransport, startEventDispatcher, stopEventDispatcher, subscribe } from "@/lib/events";
import { jobsPruneJob, startJobRunner, stopJobRunner } from "@/lib/jobs";
import { logError } from "@/lib/log";
import { driftCheckJob } from "@/lib/deployments";
import { disableServingCache, enableServingCache, handleServingRequest, servingState } from "@/lib/serving";

async function main() {
  const started = Date.now();
  const env = getEnv();
  const dev = env.NODE_ENV !== "production";
  const trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES); // a bad entry stops start-up, naming it
  const secret = resolveSecret(env);
  // Auth.js reads these; derived from the one instance secret unless set explicitly.
  process.env.AUTH_SECRET ??= deriveKey(secret, "auth");
  process.env.AUTH_TRUST_HOST ??= "true";

  const database = await bootstrap(env);
  // Before Next starts, so route handlers find it on the process-wide registry (token route, commit, members).
  const realtime = createAppRealtimeServer({ db: database.db, secret: realtimeSecret(env) });
  // Events after commit (lib/events): subscribers first, then the dispatcher, whose start delivers what a crash
  // left undelivered. A removed member's live-draft connections close as soon as the removal commits.
  subscribe("member.removed", (e) => invalidateMembership(e.workspaceId, e.userId), "realtime.member-removed");
  subscribe("member.role_changed", (e) => invalidateMembership(e.workspaceId, e.userId), "realtime.member-role-changed");
  // With REDIS_URL, every instance on this database gets every event (serving caches, realtime membership); a
  // reconnect that may have missed some drops the serving caches whole.
  const transport = env.REDIS_URL
    ? new RedisTransport(getEventBus(), { url: env.REDIS_URL, onGap: () => (servingState()?.cache.clear(), servingState()?.keys.clear()) })
    : undefined;
  await startEventDispatcher({ db: database.db, transport });
  enableServingCache(); // the hot path's caches, evicted by the events above (lib/serving)
  // Background jobs (lib/jobs): evals, rollups and webhooks register their kinds here.
  await startJobRunner({ db: database.db, kinds: [eventsPruneJob, jobsPruneJob, driftCheckJob] });

  const app = next({ dev, hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    stampClientIp(req, trustedProxies); // per-address limits see the socket's peer, not a header anyone can write
    if (answerMalformedPath(req, res)) return; // Next would answer a bare 500 before any handler
    if (handleServingRequest(req, res)) return; // GET /api/v1/prompts/{slug} and render, from memory
    handle(req, res).catch((e) => {
      logError("[promptyard] request failed", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // WebSocket upgrades: /realtime/<doc> -> the Yjs server (authenticated before the upgrade); anything else
  // (Next's dev HMR) -> Next in development, refused in production.
  const nextUpgrade = dev ? app.getUpgradeHandler() : undefined;
  server.on("upgrade", (req, socket, head) => {
    if (realtime.handleUpgrade(req, socket, head)) return;
    if (nextUpgrade) nextUpgrade(req, socket, head);
    else socket.destroy();
  });

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOSTNAME, resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : env.PORT;
  console.log(`[promptyard] ready on http://localhost:${port} (${dev ? "development" : "production"}, ${database.kind}, started in ${Date.now() - started} ms)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[promptyard] ${signal}: shutting down`);
    server.close();
    // While the database is still open (bounded, so a stuck DB cannot hang exit): running jobs get 5 s, then go
    // back to the queue; every open draft is flushed and compacted; the events committed so far are delivered.
    await Promise.race([
      (async () => {
        await stopJobRunner({ graceMs: 5_000 }).catch((e) => console.error("[promptyard] stopping jobs failed:", e));
        await realtime.close().catch((e) => console.error("[promptyard] closing realtime failed:", e));
        await stopEventDispatcher().catch((e) => console.error("[promptyard] stopping events failed:", e));
        disableServingCache();
      })(),
      new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
    ]);
    server.closeAllConnections();
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(`[promptyard] failed to start: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
