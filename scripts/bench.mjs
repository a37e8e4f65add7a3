#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts in plain Node (tsx, the server-only shim, GC exposed).
// Benchmarks are never part of `npm test`; each prints its figures beside a baseline measured in the same run.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const available = existsSync("bench") ? readdirSync("bench").filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)) : [];
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(", ") || "none"})`);
  process.exit(name ? 1 : 2);
}

const child = spawn(process.execPath, ["--require", "./scripts/server-only-shim.cjs", "--import", "tsx", "--expose-gc", `bench/${name}.ts`, ...process.argv.slice(3)], {
  stdio: "inherit",
  env: process.env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
