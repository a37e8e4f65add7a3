/**
 * One process, one port: the Next.js app, and (with their issues) the realtime upgrade and the hot serving path.
 * Start-up opens and migrates the database, runs headless init and the demo, then starts Next.
 */
import { createServer } from "node:http";
import next from "next";
import { getEnv } from "@/lib/env";
import { deriveKey, resolveSecret } from "@/lib/config/secret";
import { bootstrap } from "@/lib/bootstrap";
import { parseTrustedProxies, stampClientIp } from "@/lib/auth/client-ip";
import { createAppRealtimeServer, realtimeSecret } from "@/lib/realtime";

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

  const app = next({ dev, hostname: env.HOSTNAME, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    stampClientIp(req, trustedProxies); // per-address limits see the socket's peer, not a header anyone can write
    handle(req, res).catch((e) => {
      console.error("[promptyard] request failed:", e);
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
    // Flush and compact every open draft while the database is still open (bounded, so a stuck DB cannot hang exit).
    await Promise.race([
      realtime.close().catch((e) => console.error("[promptyard] closing realtime failed:", e)),
      new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
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
