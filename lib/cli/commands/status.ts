import path from "node:path";
import { LOCKFILE_NAME, versionHash } from "@/sdk";
import { connect, ConnectionError, errorMessage, EXIT, parseArgs, stringFlag, UsageError, type Command } from "../io";
import { readLockfile } from "./pull";

type Row = { slug: string; label: string | null; locked: number; server: number | null; state: "in sync" | "behind" | "modified" | "missing" };

export const status: Command = {
  name: "status",
  summary: "Compare promptyard.lock.json with the server and list drift (exit 1 on drift, for CI)",
  help: `Usage: promptyard status [--report --deployment NAME [--environment production]] [--json] [--url URL] [--api-key KEY]

For each prompt in ./promptyard.lock.json: "in sync" (the label still points at the locked version), "behind"
(it points at another version now), "modified" (the locked content no longer matches its hash) or "missing"
(the prompt or label is gone). With --report, also tells Promptyard that deployment NAME serves the lockfile
(its deployments page then shows it, and drift alerts cover it). Exit 0 all in sync, 1 drift, 2 usage or connection error.`,
  async run(argv, io) {
    const args = parseArgs(argv, { strings: ["deployment", "environment"], booleans: ["report"] });
    const deployment = stringFlag(args, "deployment");
    if (args.flags.report && !deployment) throw new UsageError("--report needs --deployment NAME (the deployment this lockfile ships in).");
    const api = connect(args, io);
    const lock = await readLockfile(path.join(io.cwd ?? process.cwd(), LOCKFILE_NAME), { required: true });
    const rows: Row[] = [];
    for (const [slug, entry] of Object.entries(lock.prompts).sort(([a], [b]) => a.localeCompare(b))) {
      const q = entry.label ? `label=${encodeURIComponent(entry.label)}` : `version=${entry.version}`;
      const res = await api.request("GET", `/api/v1/prompts/${encodeURIComponent(slug)}?${q}`);
      if (res.status !== 200 && res.status !== 404) throw new ConnectionError(`${slug}: ${errorMessage(res.body)} (${res.status})`);
      const server = res.status === 200 ? (res.body as { version: number; hash: string }) : null;
      const intact = (await versionHash(entry)) === entry.hash;
      const state: Row["state"] = !intact ? "modified" : !server ? "missing" : server.hash === entry.hash && server.version === entry.version ? "in sync" : "behind";
      rows.push({ slug, label: entry.label, locked: entry.version, server: server?.version ?? null, state });
    }
    const drift = rows.filter((r) => r.state !== "in sync");
    if (args.flags.report) {
      // The hash of the content actually shipped: a hand-edited entry shows as unknown content, as it should.
      const prompts = await Promise.all(Object.entries(lock.prompts).map(async ([slug, e]) => ({ slug, label: e.label, version: e.version, hash: await versionHash(e) })));
      const res = await api.request("POST", "/api/v1/deployments/heartbeat", { deployment, environment: stringFlag(args, "environment") ?? "production", source: "ci", prompts });
      if (res.status !== 200) throw new ConnectionError(`Reporting the deployment failed (${res.status}): ${errorMessage(res.body)}`);
    }
    if (args.flags.json) io.stdout.write(`${JSON.stringify({ ok: drift.length === 0, prompts: rows })}\n`);
    else {
      const w = Math.max(4, ...rows.map((r) => r.slug.length));
      for (const r of rows) {
        const detail = r.state === "behind" ? ` (lock v${r.locked}, ${r.label ?? "server"} now v${r.server})` : r.state === "in sync" ? ` (v${r.locked})` : "";
        io.stdout.write(`${r.slug.padEnd(w)}  ${r.state}${detail}\n`);
      }
      io.stdout.write(drift.length ? `${drift.length} of ${rows.length} prompt${rows.length === 1 ? "" : "s"} drifted: run \`promptyard pull\` to update the lockfile.\n` : `All ${rows.length} prompt${rows.length === 1 ? "" : "s"} in sync.\n`);
    }
    return drift.length ? EXIT.checkFailed : EXIT.ok;
  },
};
