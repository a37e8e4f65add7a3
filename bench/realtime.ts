/**
 * `npm run bench -- realtime`: 50 editors on one document (5 updates/s each) + 200 idle open documents (one client
 * each) for BENCH_SECONDS (default 30) of measurement per server: lib/realtime (with its real persistence: PGlite
 * in a temp folder, or DATABASE_URL) and, in the same run, a bare @y/websocket-server as the baseline.
 *
 * Processes: this orchestrator (idle while measuring), and per server under test one server process
 * (bench/realtime/server.ts) and one client process (bench/realtime/clients.ts), so clients never share the
 * server's event loop. The two servers are measured in alternating slices (A B B A ...) of ~5 s, so noise from
 * the rest of the machine falls on both alike; only one workload runs at a time.
 * Fan-out latency = an editor's Y.Map set (timestamp in the value) -> its arrival at every other editor.
 * Memory per idle document = (server RSS with the idle documents open - RSS before) / count, settled, after GC.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PROMPT_TEXT, type ReadyMessage } from "./realtime/shared";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const EDITORS = Number(process.env.BENCH_EDITORS ?? 50);
const IDLE = Number(process.env.BENCH_IDLE ?? 200);
const RATE = 5;
const SLICE_SECONDS = 5;
const WARM_CYCLES = 5;
const HERE = path.dirname(new URL(import.meta.url).pathname);

type Msg = { type: string; [k: string]: unknown };
type Name = "promptyard" | "baseline";

function log(line: string) {
  console.log(`[bench realtime] ${line}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function start(file: string, env: Record<string, string>): ChildProcess {
  return fork(path.join(HERE, "realtime", file), [], {
    execArgv: ["--require", "./scripts/server-only-shim.cjs", "--import", "tsx", "--expose-gc"],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function next<T extends Msg>(child: ChildProcess, type: string, timeoutMs = 300_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" from ${child.spawnargs.at(-1)} in ${timeoutMs} ms`)), timeoutMs);
    const onMsg = (m: Msg) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off("message", onMsg);
      child.off("exit", onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${child.spawnargs.at(-1)} exited (${code}) while waiting for "${type}"`));
    };
    child.on("message", onMsg);
    child.once("exit", onExit);
  });
}

function ask<T extends Msg>(child: ChildProcess, msg: Msg, reply: string): Promise<T> {
  const p = next<T>(child, reply);
  child.send(msg);
  return p;
}

/** Waits for a child to exit on its own (profile, database close), then kills it. */
async function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([new Promise((r) => child.once("exit", r)), sleep(ms)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

interface Target {
  name: Name;
  server: ChildProcess;
  clients: ChildProcess;
  kbPerDoc: number;
  jsKbPerDoc: number;
  rssBeforeMb: number;
  rssIdleMb: number;
}

type Mem = { type: string; rss: number; js: number };

/** Server + clients up, warm-up documents opened and closed, memory measured around the idle documents, editors in. */
async function setup(name: Name): Promise<Target> {
  const env = { BENCH_TARGET: name, BENCH_EDITORS: String(EDITORS), BENCH_IDLE: String(IDLE) };
  if (name === "promptyard") {
    // Data first, in a process of its own; the measured server then starts fresh on it.
    const setupProcess = start("server.ts", { ...env, BENCH_TARGET: "setup" });
    const { fixture } = await next<Msg & { fixture: unknown }>(setupProcess, "fixture");
    await exited(setupProcess, 10_000);
    Object.assign(env, { BENCH_FIXTURE: JSON.stringify(fixture) });
  }
  const server = start("server.ts", env);
  const clients = start("clients.ts", {});
  const [ready] = await Promise.all([next<ReadyMessage & Msg>(server, "ready"), next(clients, "up")]);
  const url = `ws://127.0.0.1:${ready.port}/realtime`;
  // Warm-up: open and close the warm documents a few times, so the code paths that loading documents runs
  // (including PGlite's, whose compiled code settles in steps) are steady before memory is measured.
  log(`${name}: server up; warming up (${WARM_CYCLES} x ${ready.warm.length} documents opened and closed)`);
  for (let i = 0; i < WARM_CYCLES; i++) {
    await ask(clients, { type: "warm", url, docs: ready.warm }, "warm-done");
    await sleep(500); // warm documents unload (flush + compact)
  }
  const before = await ask<Mem>(server, { type: "rss" }, "rss");
  const idle = await ask<{ type: string; count: number }>(clients, { type: "idle", url, docs: ready.idle, text: name === "baseline" ? PROMPT_TEXT : undefined }, "idle-ready");
  const after = await ask<Mem>(server, { type: "rss" }, "rss");
  await ask(clients, { type: "editors", url, hot: ready.hot }, "editors-ready");
  log(`${name}: ${idle.count} idle documents and ${EDITORS} editors connected`);
  return {
    name,
    server,
    clients,
    kbPerDoc: (after.rss - before.rss) / idle.count / 1024,
    jsKbPerDoc: (after.js - before.js) / idle.count / 1024,
    rssBeforeMb: before.rss / 1024 / 1024,
    rssIdleMb: after.rss / 1024 / 1024,
  };
}

async function burst(t: Target, seconds: number, measure: boolean): Promise<void> {
  if (measure) await ask(t.server, { type: "measure-start" }, "measure-start");
  await ask(t.clients, { type: "burst", seconds, rate: RATE, measure }, "burst-done");
  if (measure) await ask(t.server, { type: "measure-stop" }, "measure-stop");
}

type Report = { p50: number; p90: number; p99: number; p999: number; max: number; samples: number; expected: number };
type Stats = { cpuPercent: number; loopP99: number; loopMax: number };

async function finish(t: Target): Promise<Report & Stats> {
  const report = await ask<Msg & Report>(t.clients, { type: "report" }, "report");
  const stats = await ask<Msg & Stats>(t.server, { type: "stats" }, "stats");
  t.clients.send({ type: "exit" });
  await ask(t.server, { type: "exit" }, "closed").catch(() => {});
  await Promise.all([exited(t.clients, 10_000), exited(t.server, 15_000)]);
  return { ...report, ...stats };
}

async function main() {
  log(`database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite in a temp folder"}; ${SECONDS} s measured per server`);
  const targets: Target[] = [];
  try {
    targets.push(await setup("promptyard"));
    targets.push(await setup("baseline"));
    const [ours, base] = targets as [Target, Target];
    for (const t of targets) await burst(t, WARMUP_SECONDS, false);
    const slices = Math.max(1, Math.round(SECONDS / SLICE_SECONDS));
    for (let i = 0; i < slices; i++) {
      const order = i % 2 === 0 ? [ours, base] : [base, ours];
      for (const t of order) await burst(t, SECONDS / slices, true);
    }
    log(`measured ${slices} slices of ${(SECONDS / slices).toFixed(1)} s per server`);
    const a = { ...ours, ...(await finish(ours)) };
    const b = { ...base, ...(await finish(base)) };
    print(a, b);
  } finally {
    for (const t of targets) for (const c of [t.clients, t.server]) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }
}

function print(ours: Target & Report & Stats, base: Target & Report & Stats) {
  const f = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
  const rows = [
    ["", "promptyard", "baseline (@y/websocket-server)"],
    ["fan-out p50 (ms)", f(ours.p50), f(base.p50)],
    ["fan-out p90 (ms)", f(ours.p90), f(base.p90)],
    ["fan-out p99 (ms)", f(ours.p99), f(base.p99)],
    ["fan-out p99.9 (ms)", f(ours.p999), f(base.p999)],
    ["fan-out max (ms)", f(ours.max), f(base.max)],
    ["deliveries measured / expected", `${ours.samples} / ${ours.expected}`, `${base.samples} / ${base.expected}`],
    ["server CPU while measuring (%)", f(ours.cpuPercent, 0), f(base.cpuPercent, 0)],
    ["server event-loop delay p99 (mean of slices) / max (ms)", `${f(ours.loopP99, 1)} / ${f(ours.loopMax, 1)}`, `${f(base.loopP99, 1)} / ${f(base.loopMax, 1)}`],
    ["server RSS (anonymous) before idle docs (MB)", f(ours.rssBeforeMb, 0), f(base.rssBeforeMb, 0)],
    [`server RSS (anonymous) with ${IDLE} idle docs (MB)`, f(ours.rssIdleMb, 0), f(base.rssIdleMb, 0)],
    ["RSS (anonymous) per idle doc (kB)", f(ours.kbPerDoc, 1), f(base.kbPerDoc, 1)],
    ["JS heap + buffers per idle doc (kB)", f(ours.jsKbPerDoc, 1), f(base.jsKbPerDoc, 1)],
    ["persistence / auth", "PostgreSQL / tokens + roles", "none / none"],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log("");
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  const ratio = ours.p99 / base.p99;
  console.log(`\ntargets: p99 <= 20 ms ${ours.p99 <= 20 ? "met" : "MISSED"}; ratio <= 1.5 ${ratio <= 1.5 ? "met" : "MISSED"}; <= 150 kB per idle doc ${ours.kbPerDoc <= 150 ? "met" : "MISSED"}`);
  console.log(`BENCH realtime p50=${f(ours.p50)} p99=${f(ours.p99)} kb_per_doc=${f(ours.kbPerDoc, 1)} baseline_p99=${f(base.p99)} ratio=${f(ratio)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[bench realtime] failed: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  },
);
