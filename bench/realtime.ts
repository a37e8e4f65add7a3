/**
 * `npm run bench -- realtime`: 50 editors on one document (5 updates/s each) + 200 idle open documents (one client
 * each) for BENCH_SECONDS (default 30), against lib/realtime (with its real persistence) and, in the same run, a
 * bare @y/websocket-server as the baseline.
 *
 * Three processes, so the clients never steal the server's event loop: this orchestrator (idle while measuring),
 * the server (bench/realtime/server.ts) and all clients (bench/realtime/clients.ts). Fan-out latency = time from
 * an editor's Y.Map set (timestamp in the value) to its arrival at every other editor, one clock (one process).
 * Memory per idle document = (server RSS with the idle documents open - RSS before) / count, after GC.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PROMPT_TEXT, type ReadyMessage } from "./realtime/shared";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const EDITORS = Number(process.env.BENCH_EDITORS ?? 50);
const IDLE = Number(process.env.BENCH_IDLE ?? 200);
const RATE = 5;
const HERE = path.dirname(new URL(import.meta.url).pathname);

type Msg = { type: string; [k: string]: unknown };

function start(file: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(HERE, "realtime", file), [], {
    execArgv: ["--require", "./scripts/server-only-shim.cjs", "--import", "tsx", "--expose-gc", ...(process.env.BENCH_PROFILE && file === "server.ts" ? ["--cpu-prof", "--cpu-prof-dir=/tmp/rt-prof"] : [])],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function next<T extends Msg>(child: ChildProcess, type: string, timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" from ${child.spawnfile} in ${timeoutMs} ms`)), timeoutMs);
    const onMsg = (m: Msg) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off("message", onMsg);
      child.off("exit", onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) while waiting for "${type}"`));
    };
    child.on("message", onMsg);
    child.once("exit", onExit);
  });
}

async function ask<T extends Msg>(child: ChildProcess, msg: Msg, reply: string): Promise<T> {
  const p = next<T>(child, reply);
  child.send(msg);
  return p;
}

/** Waits for a child to exit on its own (profiles, closing the database), then kills it. */
async function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([new Promise((r) => child.once("exit", r)), sleep(ms)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Result {
  target: string;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  samples: number;
  expected: number;
  kbPerDoc: number;
  rssBeforeMb: number;
  rssIdleMb: number;
  serverCpu: number;
}

async function measure(target: "promptyard" | "baseline"): Promise<Result> {
  const server = start("server.ts", { BENCH_TARGET: target, BENCH_EDITORS: String(EDITORS), BENCH_IDLE: String(IDLE) });
  const clients = start("clients.ts", {});
  try {
    const [ready] = await Promise.all([next<ReadyMessage & Msg>(server, "ready"), next(clients, "up")]);
    const url = `ws://127.0.0.1:${ready.port}/realtime`;
    log(`${target}: server up on port ${ready.port}; warming up with ${ready.warm.length} documents`);
    await ask(clients, { type: "warm", url, docs: ready.warm }, "warm-done");
    await sleep(1500); // warm documents unload (flush + compact)
    const before = await ask<{ type: string; rss: number }>(server, { type: "rss" }, "rss");
    const idle = await ask<{ type: string; count: number }>(clients, { type: "idle", url, docs: ready.idle, text: target === "baseline" ? PROMPT_TEXT : undefined }, "idle-ready");
    await sleep(1500); // seed rows flushed, buffers settled
    const after = await ask<{ type: string; rss: number }>(server, { type: "rss" }, "rss");
    log(`${target}: ${idle.count} idle documents open; ${EDITORS} editors x ${RATE}/s for ${SECONDS} s (+${WARMUP_SECONDS} s warm-up)`);
    const measuring = next(clients, "measuring", (WARMUP_SECONDS + 120) * 1000);
    const result = ask<Msg & Omit<Result, "target" | "kbPerDoc" | "rssBeforeMb" | "rssIdleMb" | "serverCpu">>(
      clients,
      { type: "run", url, hot: ready.hot, seconds: SECONDS, rate: RATE, warmupSeconds: WARMUP_SECONDS },
      "result",
    );
    await measuring;
    await ask(server, { type: "cpu-start" }, "cpu-start");
    const r = await result;
    const cpu = await ask<{ type: string; cpuPercent: number }>(server, { type: "stats" }, "stats");
    await ask(clients, { type: "exit" }, "never").catch(() => {});
    await ask(server, { type: "exit" }, "closed").catch(() => {});
    return {
      target,
      p50: r.p50,
      p90: r.p90,
      p99: r.p99,
      p999: r.p999,
      max: r.max,
      samples: r.samples,
      expected: r.expected,
      kbPerDoc: (after.rss - before.rss) / idle.count / 1024,
      rssBeforeMb: before.rss / 1024 / 1024,
      rssIdleMb: after.rss / 1024 / 1024,
      serverCpu: cpu.cpuPercent,
    };
  } finally {
    for (const c of [clients, server]) await exited(c, 15_000);
  }
}

function log(line: string) {
  console.log(`[bench realtime] ${line}`);
}

async function main() {
  log(`database: ${process.env.DATABASE_URL ? "postgres (DATABASE_URL)" : "PGlite in a temp folder"}; processes: orchestrator + server + clients`);
  const ours = await measure("promptyard");
  const base = await measure("baseline");
  const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
  const rows = [
    ["", "promptyard", "baseline (@y/websocket-server)"],
    ["fan-out p50 (ms)", f(ours.p50), f(base.p50)],
    ["fan-out p90 (ms)", f(ours.p90), f(base.p90)],
    ["fan-out p99 (ms)", f(ours.p99), f(base.p99)],
    ["fan-out p99.9 (ms)", f(ours.p999), f(base.p999)],
    ["fan-out max (ms)", f(ours.max), f(base.max)],
    ["deliveries measured / expected", `${ours.samples} / ${ours.expected}`, `${base.samples} / ${base.expected}`],
    ["server CPU while measuring (%)", f(ours.serverCpu, 0), f(base.serverCpu, 0)],
    ["server RSS before idle docs (MB)", f(ours.rssBeforeMb, 0), f(base.rssBeforeMb, 0)],
    [`server RSS with ${IDLE} idle docs (MB)`, f(ours.rssIdleMb, 0), f(base.rssIdleMb, 0)],
    ["RSS per idle doc (kB)", f(ours.kbPerDoc, 1), f(base.kbPerDoc, 1)],
    ["persistence / auth", "PostgreSQL / tokens + roles", "none / none"],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log("");
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  console.log(`\ntargets: p99 <= 20 ms (${ours.p99 <= 20 ? "met" : "MISSED"}), ratio <= 1.5 (${ours.p99 / base.p99 <= 1.5 ? "met" : "MISSED"}), <= 150 kB per idle doc (${ours.kbPerDoc <= 150 ? "met" : "MISSED"})`);
  console.log(`BENCH realtime p50=${f(ours.p50)} p99=${f(ours.p99)} kb_per_doc=${f(ours.kbPerDoc, 1)} baseline_p99=${f(base.p99)} ratio=${f(ours.p99 / base.p99)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench realtime] failed: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  },
);
