/**
 * Benchmark server process (started by bench/realtime.ts with IPC). BENCH_TARGET:
 *  - "promptyard": lib/realtime as server.ts runs it (token auth, membership roles, PostgreSQL persistence on
 *    PGlite in a temp folder, or DATABASE_URL), documents are real prompts seeded from their latest version;
 *  - "baseline": bare @y/websocket-server (setupWSConnection; no auth, no persistence).
 * Answers the parent's { type: "rss" | "stats" | "exit" } messages.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROMPT_TEXT, type ReadyMessage } from "./shared";

const send = (msg: unknown) => process.send!(msg);
const counts = { editors: Number(process.env.BENCH_EDITORS ?? 50), idle: Number(process.env.BENCH_IDLE ?? 200), warm: 20 };

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/**
 * Resident memory the process allocated: anonymous RSS from /proc (Linux). Total RSS also counts file-backed pages
 * (the node binary, PGlite's wasm) that the kernel drops and re-reads at will (this VM reclaims cold pages
 * proactively), which swamps a few MB of documents; falls back to total RSS elsewhere.
 */
function residentBytes(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    const anon = kb("RssAnon") + kb("RssShmem");
    if (Number.isFinite(anon)) return anon * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss;
}

/**
 * Memory after full GCs, once sixteen readings 500 ms apart (8 s) agree within 0.5 MB (at most 45 s). Freed memory
 * reaches the OS in a step ~5 s after activity stops (V8's memory reducer), so a shorter window is fooled.
 */
async function memory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  const readings: number[] = [];
  const deadline = Date.now() + 45_000;
  for (;;) {
    gc?.();
    await new Promise((r) => setTimeout(r, 500));
    readings.push(residentBytes());
    const last = readings.slice(-16);
    if ((last.length === 16 && Math.max(...last) - Math.min(...last) < 512 * 1024) || Date.now() > deadline) break;
  }
  const m = process.memoryUsage();
  return { rss: residentBytes(), js: m.heapUsed + m.external };
}

/** What setup leaves in the database for the server process. */
interface Fixture {
  dataDir?: string;
  workspaceId: string;
  ownerId: string;
  editorIds: string[];
  docs: string[];
}

/**
 * BENCH_TARGET=setup: creates the workspace, members and prompts in its own process, so the measured server
 * starts fresh on that data (as after a restart) instead of carrying the setup's garbage in its heap.
 */
async function setupFixture(): Promise<Fixture> {
  const { openDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { memberships, users } = await import("@/db/schema");
  const { createPrompt } = await import("@/lib/prompts");
  const { makeWorkspace } = await import("@/lib/test/factories");
  const { promptDocName } = await import("@/lib/realtime");

  const url = process.env.DATABASE_URL?.trim() || undefined;
  const dataDir = url ? undefined : path.join(mkdtempSync(path.join(tmpdir(), "promptyard-bench-rt-")), "pglite");
  const database = url ? openDatabase({ url }) : openDatabase({ dataDir });
  await migrateDatabase(database);
  const { ctx, owner, ws } = await makeWorkspace(database);
  // Distinct editors, so membership checks are per user as in real use (rows inserted directly: no password hashing).
  const editors = await database.db
    .insert(users)
    .values(Array.from({ length: counts.editors }, (_, i) => ({ email: `bench-${ws.slug}-${i}@example.test`, name: `Editor ${i}` })))
    .returning({ id: users.id });
  await database.db.insert(memberships).values(editors.map((u) => ({ workspaceId: ws.id, userId: u.id, role: "editor" as const })));
  const docs: string[] = [];
  for (let i = 0; i < 1 + counts.idle + counts.warm; i++) {
    const { prompt } = await createPrompt({ ctx, input: { slug: `bench/p-${i}`, type: "text", content: PROMPT_TEXT, message: "bench" } });
    docs.push(promptDocName(prompt.id));
  }
  await database.close();
  return { dataDir, workspaceId: ws.id, ownerId: owner.id, editorIds: editors.map((e) => e.id), docs };
}

async function startPromptyard(fx: Fixture): Promise<{ ready: ReadyMessage; close: () => Promise<void> }> {
  const { openDatabase } = await import("@/db/client");
  const { createAppRealtimeServer, mintRealtimeToken } = await import("@/lib/realtime");
  const url = process.env.DATABASE_URL?.trim() || undefined;
  const database = url ? openDatabase({ url }) : openDatabase({ dataDir: fx.dataDir });
  const secret = "bench-realtime-secret-0123456789abcdef";
  // BENCH_RT_OPTIONS: JSON merged into the server options, for experiments (e.g. {"compactAfterRows": 1000000}).
  const rt = createAppRealtimeServer({ db: database.db, secret, ...JSON.parse(process.env.BENCH_RT_OPTIONS || "{}") });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    if (!rt.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const port = await listen(http);
  const token = (doc: string, userId: string, role: "owner" | "editor") => mintRealtimeToken({ userId, workspaceId: fx.workspaceId, doc, role, ttlSeconds: 3600 }, secret);
  const [hot, ...rest] = fx.docs as [string, ...string[]];
  return {
    ready: {
      type: "ready",
      port,
      hot: { doc: hot, tokens: fx.editorIds.map((id) => token(hot, id, "editor")) },
      idle: rest.slice(0, counts.idle).map((doc) => ({ doc, token: token(doc, fx.ownerId, "owner") })),
      warm: rest.slice(counts.idle).map((doc) => ({ doc, token: token(doc, fx.ownerId, "owner") })),
    },
    async close() {
      await rt.close();
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
      await database.close();
      if (fx.dataDir) rmSync(path.dirname(fx.dataDir), { recursive: true, force: true });
    },
  };
}

async function startBaseline(): Promise<{ ready: ReadyMessage; close: () => Promise<void> }> {
  const { WebSocketServer } = await import("ws");
  const { setupWSConnection } = (await import("@y/websocket-server/utils")) as unknown as {
    setupWSConnection: (ws: unknown, req: unknown, opts: { docName: string }) => void;
  };
  const wss = new WebSocketServer({ noServer: true });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    const docName = decodeURIComponent((req.url ?? "").split("?")[0]!.replace(/^\/realtime\//, ""));
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
  });
  const port = await listen(http);
  const name = (kind: string, i: number) => `prompt:bench-${kind}-${i}`;
  return {
    ready: {
      type: "ready",
      port,
      hot: { doc: name("hot", 0), tokens: Array.from({ length: counts.editors }, () => "none") },
      idle: Array.from({ length: counts.idle }, (_, i) => ({ doc: name("idle", i), token: "none" })),
      warm: Array.from({ length: counts.warm }, (_, i) => ({ doc: name("warm", i), token: "none" })),
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}

/** BENCH_PROFILE=<dir>: a CPU profile of the measured window only, written there as <target>.cpuprofile. */
const profile = (() => {
  const dir = process.env.BENCH_PROFILE;
  let session: import("node:inspector").Session | undefined;
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  return {
    async start() {
      if (!dir) return;
      const { Session } = await import("node:inspector");
      session = new Session();
      session.connect();
      await post("Profiler.enable");
      await post("Profiler.start");
    },
    async stop(name: string) {
      if (!dir || !session) return;
      const { profile: data } = (await post("Profiler.stop")) as { profile: unknown };
      const { writeFileSync, mkdirSync } = await import("node:fs");
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(data));
      session.disconnect();
    },
  };
})();

async function main() {
  const target = process.env.BENCH_TARGET;
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const loop = monitorEventLoopDelay({ resolution: 1 });
  if (target === "setup") {
    send({ type: "fixture", fixture: await setupFixture() });
    process.exit(0);
  }
  const started = target === "baseline" ? await startBaseline() : await startPromptyard(JSON.parse(process.env.BENCH_FIXTURE!) as Fixture);
  // CPU accumulates over the measured bursts only ("measure-start" .. "measure-stop"); the event-loop delay
  // monitor runs throughout and is read per burst (re-enabling it would count the pause as one long delay).
  let cpuMicros = 0;
  let wallMs = 0;
  const loopP99: number[] = [];
  let loopMax = 0;
  let mark: { cpu: NodeJS.CpuUsage; at: number } | undefined;
  let profiling = false;
  loop.enable();
  process.on("message", async (msg: { type: string }) => {
    if (msg.type === "rss") send({ type: "rss", ...(await memory()) });
    if (msg.type === "measure-start") {
      if (!profiling) await profile.start();
      profiling = true;
      mark = { cpu: process.cpuUsage(), at: performance.now() };
      loop.reset();
      send({ type: "measure-start" });
    }
    if (msg.type === "measure-stop" && mark) {
      const cpu = process.cpuUsage(mark.cpu);
      cpuMicros += cpu.user + cpu.system;
      wallMs += performance.now() - mark.at;
      loopP99.push(loop.percentile(99) / 1e6);
      loopMax = Math.max(loopMax, loop.max / 1e6);
      mark = undefined;
      send({ type: "measure-stop" });
    }
    if (msg.type === "stats") {
      await profile.stop(target ?? "server");
      loop.disable();
      const p99 = loopP99.reduce((a, b) => a + b, 0) / Math.max(1, loopP99.length);
      send({ type: "stats", cpuPercent: (cpuMicros / 1000 / wallMs) * 100, loopP99: p99, loopMax });
    }
    if (msg.type === "exit") {
      await started.close().catch((e) => console.error("[bench server] close failed:", e));
      send({ type: "closed" });
      process.exit(0);
    }
  });
  send(started.ready);
  process.on("disconnect", () => process.exit(1)); // the orchestrator died: do not linger
}

main().catch((e) => {
  console.error("[bench server]", e);
  process.exit(1);
});
