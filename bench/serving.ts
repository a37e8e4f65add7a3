/**
 * `npm run bench -- serving`: GET /api/v1/prompts/{slug}?label=production through the hot path (lib/serving's
 * handleServingRequest on node:http, as server.ts runs it: cached key check, per-key rate limiter, cache), and as
 * the baseline in the same run a bare node:http server answering the same bytes and headers. Each server runs in
 * its own child process; autocannon (100 connections, BENCH_SECONDS, default 20) runs here. Rounds alternate
 * (ours, baseline, baseline, ours) so machine noise falls on both alike; medians are reported.
 * Database: in-memory PGlite, or BENCH_DATABASE_URL (a fresh database).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);

interface Ready {
  port: number;
  path: string;
  key: string;
  body?: string;
  headers?: Record<string, string>;
}

async function serveOurs(): Promise<void> {
  process.env.PROMPTYARD_API_RATE_LIMIT = "1000000000"; // the limiter runs on every request; it just never says no
  const { openDatabase, setDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { createPrompt, commitVersion } = await import("@/lib/prompts");
  const { moveLabel } = await import("@/lib/labels");
  const { createApiKey } = await import("@/lib/api-keys");
  const { signUp } = await import("@/lib/auth");
  const { createWorkspace, loadWorkspaceForUser } = await import("@/lib/workspaces");
  const { startEventDispatcher } = await import("@/lib/events");
  const { enableServingCache, handleServingRequest } = await import("@/lib/serving");
  const url = process.env.BENCH_DATABASE_URL?.trim() || undefined;
  const database = url ? openDatabase({ url }) : openDatabase({ dataDir: "memory://" });
  await migrateDatabase(database);
  setDatabase(database);
  const tag = randomBytes(4).toString("hex");
  const { user } = await signUp({ ctx: { db: database.db, actor: { kind: "system" } }, input: { name: "Bench", email: `bench-${tag}@example.test`, password: "bench password 123" }, allowSignup: true });
  const ws = await createWorkspace({ ctx: { db: database.db, actor: { kind: "user", userId: user.id } }, input: { name: `Bench ${tag}` } });
  const ctx = await loadWorkspaceForUser(database.db, user.id, ws.slug);
  const slug = `support/reply-${tag}`;
  await createPrompt({ ctx, input: { slug, type: "chat", content: [{ role: "system", content: "You are a support agent for {{company}}. Be concise." }, { role: "user", content: "{{question}}" }], config: { model: "gpt-4o-mini", temperature: 0.2 }, message: "v1" } });
  await commitVersion({ ctx, input: { slug, content: [{ role: "system", content: "You are a friendly support agent for {{company}}. Be concise and kind." }, { role: "user", content: "{{question}}" }], config: { model: "gpt-4o-mini", temperature: 0.2 }, message: "v2" } });
  await moveLabel({ ctx, input: { slug, label: "production", version: 2, reason: "bench" } });
  const { key } = await createApiKey({ ctx, input: { name: "bench", scopes: ["prompts:read"] } });
  await startEventDispatcher({ db: database.db });
  enableServingCache();
  const server = createServer((req, res) => {
    if (!handleServingRequest(req, res)) res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const path = `/api/v1/prompts/${encodeURIComponent(slug)}?label=production`;
  // The baseline must answer exactly what we answer: fetch it once and hand it over.
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`warm-up answered ${res.status}: ${body}`);
  const headers = { "content-type": res.headers.get("content-type")!, etag: res.headers.get("etag")!, "cache-control": res.headers.get("cache-control")! };
  ready({ port: (server.address() as AddressInfo).port, path, key, body, headers });
}

async function serveBaseline(): Promise<void> {
  const { body, headers } = JSON.parse(process.env.BENCH_BASELINE!) as { body: string; headers: Record<string, string> };
  const length = String(Buffer.byteLength(body));
  const server = createServer((_req, res) => {
    res.writeHead(200, { ...headers, "content-length": length });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  ready({ port: (server.address() as AddressInfo).port, path: "/", key: "" });
}

function ready(r: Ready) {
  process.stdout.write(`READY ${JSON.stringify(r)}\n`);
}

function startChild(role: "ours" | "baseline", env: Record<string, string> = {}): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, role], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const m = /READY (.+)\n/.exec(out);
      if (m) resolve({ child, ready: JSON.parse(m[1]!) as Ready });
    });
    child.on("exit", (code) => reject(new Error(`${role} server exited (${code}) before it was ready`)));
  });
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(r: Ready): Promise<Figures> {
  const autocannon = (await import("autocannon")).default;
  const result = await autocannon({
    url: `http://127.0.0.1:${r.port}${r.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: r.key ? { authorization: `Bearer ${r.key}` } : {},
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  const role = process.argv[2];
  if (role === "ours") return serveOurs();
  if (role === "baseline") return serveBaseline();
  const ours = await startChild("ours");
  const base = await startChild("baseline", { BENCH_BASELINE: JSON.stringify({ body: ours.ready.body, headers: ours.ready.headers }) });
  console.log(`serving bench: ${CONNECTIONS} connections, ${SECONDS} s per round, ${process.env.BENCH_DATABASE_URL ? "postgres" : "pglite"}; body ${Buffer.byteLength(ours.ready.body!)} bytes`);
  const runs: Record<"ours" | "baseline", Figures[]> = { ours: [], baseline: [] };
  try {
    for (const which of ["ours", "baseline", "baseline", "ours"] as const) {
      const f = await load(which === "ours" ? ours.ready : base.ready);
      runs[which].push(f);
      console.log(`  ${which.padEnd(8)} rps=${f.rps.toFixed(0)} p50=${f.p50} ms p99=${f.p99} ms errors/non-2xx=${f.errors}`);
      if (f.errors) throw new Error(`${which}: ${f.errors} errors or non-2xx answers`);
    }
  } finally {
    ours.child.kill();
    base.child.kill();
  }
  const m = (w: "ours" | "baseline", k: keyof Figures) => median(runs[w].map((f) => f[k]));
  const ratio = m("ours", "rps") / m("baseline", "rps");
  console.log(`median: hot path ${m("ours", "rps").toFixed(0)} req/s (p50 ${m("ours", "p50")} ms, p99 ${m("ours", "p99")} ms); bare node:http ${m("baseline", "rps").toFixed(0)} req/s (p99 ${m("baseline", "p99")} ms); ratio ${ratio.toFixed(2)} (target >= 0.5, p99 <= 5 ms)`);
  console.log(`BENCH serving rps=${m("ours", "rps").toFixed(0)} p50=${m("ours", "p50")} p99=${m("ours", "p99")} baseline_rps=${m("baseline", "rps").toFixed(0)} baseline_p99=${m("baseline", "p99")} ratio=${ratio.toFixed(3)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
