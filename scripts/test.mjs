#!/usr/bin/env node
// `npm test`: every test. Lint and types, unit + integration (vitest), then a production build and the e2e suite
// (Playwright on the Chromium scripts/browser.mjs picks). DB tests use PGlite, or the server in TEST_DATABASE_URL when it is set.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolveBrowser } from "./browser.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// Resolve the browser first, so a machine that can't run the e2e suite says so before minutes of other steps.
try {
  const browser = await resolveBrowser();
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE = browser.executablePath;
  console.log(`[test] Chromium for e2e: ${browser.executablePath} (${browser.source})`);
} catch (e) {
  console.error(`[test] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

const steps = [
  ["lint", ["node_modules/eslint/bin/eslint.js", "."]],
  ["typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]],
  ["unit + integration", ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]],
  ["build", ["node_modules/next/dist/bin/next", "build"]],
  ["e2e", ["node_modules/@playwright/test/cli.js", "test"]],
];

for (const [name, args] of steps) {
  const t0 = Date.now();
  console.log(`\n[test] ${name}: node ${args.join(" ")}`);
  const r = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`[test] ${name} failed after ${secs} s`);
    process.exit(r.status ?? 1);
  }
  console.log(`[test] ${name} passed in ${secs} s`);
}

// One closing line with the totals of both runners.
function counts(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return { passed: 0, failed: 0 };
  }
}
const unit = counts("test-results/vitest.json", (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests }));
const e2e = counts("test-results/e2e.json", (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky }));
console.log(`\ntests: ${unit.passed + e2e.passed} passed, ${unit.failed + e2e.failed} failed`);
