/**
 * The cost of the shape check on every incoming draft edit (lib/realtime/guard-update.ts): per typing update,
 * probeUpdate (copy the draft, apply, check) against the bare Y.applyUpdate the server did before, on drafts of
 * a few sizes. Printed as medians of several rounds, and as a ratio.
 *   npm run bench -- draft-guard
 */
import * as Y from "yjs";
import { initDraft, probeUpdate } from "@/lib/realtime";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 2000);

function typingUpdates(base: Y.Doc, n: number): Uint8Array[] {
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(base));
  const out: Uint8Array[] = [];
  editor.on("update", (u: Uint8Array) => out.push(u));
  const text = editor.getText("content");
  for (let i = 0; i < n; i++) text.insert(Math.floor((i * 7919) % (text.length + 1)), "x");
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let summary = "";
for (const kb of [1, 8, 32]) {
  const seed = new Y.Doc();
  initDraft(seed, { type: "text", content: "Lorem ipsum {{name}} dolor sit amet. ".repeat(Math.ceil((kb * 1024) / 37)), baseVersion: 1, baseSemver: "1.0.0" });
  const updates = typingUpdates(seed, UPDATES);
  const run = (guard: boolean) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
    const t0 = performance.now();
    for (const u of updates) {
      if (guard && probeUpdate(doc, u)) throw new Error("a typing update was refused");
      Y.applyUpdate(doc, u);
    }
    return ((performance.now() - t0) * 1000) / updates.length; // µs per update
  };
  const base: number[] = [];
  const guarded: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(run(false));
    guarded.push(run(true));
  }
  const b = median(base);
  const g = median(guarded);
  console.log(`draft ${String(kb).padStart(2)} kB: applyUpdate ${b.toFixed(1)} µs/update, with shape check ${g.toFixed(1)} µs/update (x${(g / b).toFixed(1)}, +${(g - b).toFixed(0)} µs)`);
  if (kb === 8) summary = `BENCH draft-guard us_per_update=${g.toFixed(1)} baseline_us_per_update=${b.toFixed(1)} ratio=${(g / b).toFixed(2)}`;
}
console.log(summary);
