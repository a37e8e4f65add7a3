/**
 * Benchmark client process: stock y-websocket providers (ws polyfill, no BroadcastChannel), driven over IPC by
 * bench/realtime.ts. One process per server under test.
 *  { type: "warm", url, docs }          open + sync + close each document (exercises load/seed/unload)
 *  { type: "idle", url, docs, text? }   one open client per document; inserts `text` into an empty one (baseline)
 *  { type: "editors", url, hot }        one editor per token on the hot document
 *  { type: "burst", seconds, rate, measure }
 *      every editor sets its own key of Y.Map "bench" to { t: performance.now() } `rate` times a second; every
 *      other editor records now - t when it arrives (one process, one clock). Only updates SENT inside a measured
 *      burst count; each burst ends with a grace period so its last updates can land.
 *  { type: "report" }                   percentiles over every measured burst
 */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

type Doc = { doc: string; token: string };
type Msg = { type: string; url: string; docs: Doc[]; text?: string; hot: { doc: string; tokens: string[] }; seconds: number; rate: number; measure: boolean };

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

const samples: number[] = [];
const windows: [number, number][] = [];
let sent = 0;
let editors: { map: Y.Map<{ t: number }>; own: string }[] = [];
const inWindow = (t: number) => windows.some(([a, b]) => t >= a && t < b);

async function connectEditors(url: string, hot: { doc: string; tokens: string[] }) {
  const opened = await openAll(url, hot.tokens.map((token) => ({ doc: hot.doc, token })), 10);
  providers.push(...opened.map((o) => o.provider));
  editors = opened.map((o, i) => {
    const own = `c${i}`;
    const map = o.ydoc.getMap<{ t: number }>("bench");
    map.observe((event, tr) => {
      if (tr.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        if (key === own) continue;
        const v = map.get(key);
        if (v && inWindow(v.t)) samples.push(now - v.t);
      }
    });
    return { map, own };
  });
}

async function burst(seconds: number, rate: number, measure: boolean) {
  const period = 1000 / rate;
  const start = performance.now();
  const end = start + seconds * 1000;
  if (measure) windows.push([start, end]);
  const timers: NodeJS.Timeout[] = [];
  editors.forEach(({ map, own }, i) => {
    const tick = () => {
      const t = performance.now();
      if (t >= end) return;
      map.set(own, { t });
      if (measure) sent++;
    };
    // Spread the editors over the period so the load is steady.
    timers.push(setTimeout(() => (tick(), timers.push(setInterval(tick, period))), (i * period) / editors.length));
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) clearInterval(t);
  await new Promise((r) => setTimeout(r, 700));
}

function report() {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
  return { samples: sorted.length, expected: sent * (editors.length - 1), p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}

process.on("message", async (msg: Msg) => {
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
    } else if (msg.type === "editors") {
      await connectEditors(msg.url, msg.hot);
      send({ type: "editors-ready", count: editors.length });
    } else if (msg.type === "burst") {
      await burst(msg.seconds, msg.rate, msg.measure);
      send({ type: "burst-done" });
    } else if (msg.type === "report") {
      send({ type: "report", ...report() });
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
