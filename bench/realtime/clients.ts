/**
 * Benchmark client process: stock y-websocket providers (ws polyfill, no BroadcastChannel), driven over IPC.
 *  { type: "warm", url, docs }         open + sync + close each document (exercises load/seed/unload)
 *  { type: "idle", url, docs, text? }  one open client per document; inserts `text` into an empty one (baseline)
 *  { type: "run", url, hot, seconds, rate, warmupSeconds }
 *      one editor per token on the hot document, each setting its own key of Y.Map "bench" to
 *      { t: performance.now() } `rate` times a second; every other editor records now - t on arrival.
 */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

type Doc = { doc: string; token: string };
const send = (msg: unknown) => process.send!(msg);
process.setMaxListeners(0); // y-websocket adds one process "exit" listener per provider
const providers: WebsocketProvider[] = [];

function open(url: string, doc: string, token: string) {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(url, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (s: boolean) => s && resolve());
  });
  return { ydoc, provider, synced };
}

/** Opens in batches, as a fleet of browsers would trickle in. */
async function openAll(url: string, docs: Doc[], batch = 25) {
  const out: ReturnType<typeof open>[] = [];
  for (let i = 0; i < docs.length; i += batch) {
    const group = docs.slice(i, i + batch).map((d) => open(url, d.doc, d.token));
    await Promise.all(group.map((g) => g.synced));
    out.push(...group);
  }
  return out;
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(url: string, hot: { doc: string; tokens: string[] }, seconds: number, rate: number, warmupSeconds: number) {
  const editors = await openAll(url, hot.tokens.map((token) => ({ doc: hot.doc, token })), 10);
  providers.push(...editors.map((e) => e.provider));
  const samples: number[] = [];
  let measuring = false;
  let sent = 0;
  editors.forEach((e, i) => {
    const own = `c${i}`;
    const map = e.ydoc.getMap<{ t: number }>("bench");
    map.observe((event, tr) => {
      if (tr.local || !measuring) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        if (key === own) continue;
        const v = map.get(key);
        if (v) samples.push(now - v.t);
      }
    });
  });
  const timers: NodeJS.Timeout[] = [];
  const period = 1000 / rate;
  editors.forEach((e, i) => {
    const map = e.ydoc.getMap<{ t: number }>("bench");
    const tick = () => {
      map.set(`c${i}`, { t: performance.now() });
      if (measuring) sent++;
    };
    // Spread the editors over the period so the load is steady.
    timers.push(setTimeout(() => timers.push(setInterval(tick, period)), (i * period) / editors.length));
  });
  await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
  measuring = true;
  send({ type: "measuring" });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  for (const t of timers) clearInterval(t);
  const sorted = Float64Array.from(samples).sort();
  return {
    samples: sorted.length,
    expected: sent * (editors.length - 1),
    sent,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

process.on("message", async (msg: { type: string; url: string; docs: Doc[]; text?: string; hot: { doc: string; tokens: string[] }; seconds: number; rate: number; warmupSeconds: number }) => {
  try {
    if (msg.type === "warm") {
      const opened = await openAll(msg.url, msg.docs);
      for (const o of opened) o.provider.destroy();
      send({ type: "warm-done" });
    } else if (msg.type === "idle") {
      const opened = await openAll(msg.url, msg.docs);
      for (const o of opened) {
        const text = o.ydoc.getText("content");
        if (msg.text && text.length === 0) text.insert(0, msg.text);
      }
      providers.push(...opened.map((o) => o.provider));
      send({ type: "idle-ready", count: opened.length });
    } else if (msg.type === "run") {
      send({ type: "result", ...(await run(msg.url, msg.hot, msg.seconds, msg.rate, msg.warmupSeconds)) });
    } else if (msg.type === "exit") {
      for (const p of providers) p.destroy();
      process.exit(0);
    }
  } catch (e) {
    console.error("[bench clients]", e);
    process.exit(1);
  }
});
process.on("disconnect", () => process.exit(1)); // the orchestrator died: do not linger
send({ type: "up" });
