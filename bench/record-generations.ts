/**
 * `npm run bench -- record-generations`: stores BENCH_ROWS (default 1,000) generations per round, BENCH_ROUNDS
 * (default 5) rounds, into a workspace with three filter review queues (single, pairwise, one that matches nothing),
 * through recordGenerations in one batch and, as the baseline in the same run, through recordGenerations one row
 * per call (how a run stores its generation; before lib/generations every path stored row by row). Rounds alternate (ours, baseline, baseline,
 * ours, ...) so noise from the rest of the machine falls on both alike. Database: an in-memory PGlite, or
 * DATABASE_URL.
 */
import { randomBytes } from "node:crypto";

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function main() {
  const { openDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { recordGenerations } = await import("@/lib/generations");
  const { createQueue } = await import("@/lib/reviews");
  const { createPrompt, commitVersion } = await import("@/lib/prompts");
  const { signUp } = await import("@/lib/auth");
  const { createWorkspace, loadWorkspaceForUser } = await import("@/lib/workspaces");

  const url = (process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL)?.trim() || undefined;
  const database = url ? openDatabase({ url }) : openDatabase({ dataDir: "memory://" });
  await migrateDatabase(database);
  const tag = randomBytes(4).toString("hex");
  const { user } = await signUp({ ctx: { db: database.db, actor: { kind: "system" } }, input: { name: "Bench", email: `bench-${tag}@example.test`, password: "bench password 123" }, allowSignup: true });
  const ws = await createWorkspace({ ctx: { db: database.db, actor: { kind: "user", userId: user.id } }, input: { name: `Bench ${tag}` } });
  const ctx = await loadWorkspaceForUser(database.db, user.id, ws.slug);
  const slug = `bench-${tag}`;
  const created = await createPrompt({ ctx, input: { slug, type: "text", content: "Answer {{question}}", message: "v1" } });
  await commitVersion({ ctx, input: { slug, content: "Answer {{question}} briefly", message: "v2" } });
  await createQueue({ ctx, input: { name: "All", filter: { promptId: created.prompt.id }, samplingRate: 0.5 } });
  await createQueue({ ctx, input: { name: "Pairs", mode: "pairwise", filter: { promptId: created.prompt.id }, samplingRate: 0.5 } });
  await createQueue({ ctx, input: { name: "None", filter: { models: ["no-such-model"] } } });

  const rowsFor = (round: string) =>
    Array.from({ length: ROWS }, (_, i) => ({
      prompt: slug,
      version: i % 2 ? 2 : 1,
      model: "gpt-4o-mini",
      variables: { question: `${round}-${i >> 1}` },
      input: [{ role: "user", content: `Answer ${round}-${i >> 1}` }],
      output: `Answer ${i}`,
      inputTokens: 12,
      outputTokens: 40,
      latencyMs: 800,
    }));

  const ours = async (round: string) => {
    const r = await recordGenerations({ ctx, input: { rows: rowsFor(round) } });
    if (r.inserted.length !== ROWS) throw new Error(`stored ${r.inserted.length} of ${ROWS}`);
  };
  // Row by row, as a run stores its one generation: the same writer called once per row.
  const baseline = async (round: string) => {
    for (const row of rowsFor(round)) {
      const r = await recordGenerations({ ctx, input: { rows: [row] } });
      if (r.inserted.length !== 1) throw new Error(`row not stored: ${r.rejected[0]?.message}`);
    }
  };

  await ours("warm-a");
  await baseline("warm-b");
  const times = { ours: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 ? (["baseline", "ours"] as const) : (["ours", "baseline"] as const);
    for (const which of order) {
      const t0 = performance.now();
      await (which === "ours" ? ours : baseline)(`${which}-${i}`);
      times[which].push(performance.now() - t0);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const oursRps = ROWS / (median(times.ours) / 1000);
  const baseRps = ROWS / (median(times.baseline) / 1000);
  console.log(`[bench record-generations] ${database.kind}, ${ROWS} rows x ${ROUNDS} rounds, 3 filter queues`);
  console.log(`[bench record-generations] recordGenerations: median ${median(times.ours).toFixed(0)} ms per batch (${oursRps.toFixed(0)} rows/s)`);
  console.log(`[bench record-generations] row by row (baseline): median ${median(times.baseline).toFixed(0)} ms per batch (${baseRps.toFixed(0)} rows/s)`);
  console.log(`BENCH record-generations rows_per_s=${oursRps.toFixed(0)} baseline_rows_per_s=${baseRps.toFixed(0)} ratio=${(oursRps / baseRps).toFixed(2)}`);
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
