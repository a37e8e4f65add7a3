#!/usr/bin/env node
// Builds promptyard/sdk for other projects: one self-contained bundle per module format (no `@/` aliases, no
// dependencies left to resolve; esbuild reads tsconfig.json's paths) and the TypeScript declarations beside them.
// `npm run build:sdk`; also npm's `prepare`, so installing this package from git or a path builds it.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist/sdk");
rmSync(out, { recursive: true, force: true });
for (const [format, ext] of [["esm", "mjs"], ["cjs", "cjs"]]) {
  await build({
    absWorkingDir: root,
    entryPoints: ["sdk/index.ts"],
    outfile: `dist/sdk/index.${ext}`,
    bundle: true,
    format,
    platform: "neutral", // fetch only: Node 20+, Bun, Deno, edge runtimes
    mainFields: ["module", "main"],
    target: "es2022",
    tsconfig: "tsconfig.json",
    legalComments: "inline",
    logLevel: "warning",
  });
}
const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "sdk/tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
console.log("[build-sdk] dist/sdk/index.mjs, index.cjs, types/sdk/index.d.ts");
