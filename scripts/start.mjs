#!/usr/bin/env node
// `npm start`: production server (builds first when no build exists). `npm run dev`: development server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.env.NODE_ENV = dev ? "development" : "production";

if (!dev && !existsSync(".next/BUILD_ID")) {
  console.log("[promptyard] no production build found: running `next build` first (about a minute)...");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ["--require", "./scripts/server-only-shim.cjs", "--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: process.env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
