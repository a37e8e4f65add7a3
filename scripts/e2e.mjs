#!/usr/bin/env node
// `npm run test:e2e [-- playwright args]`: Playwright with the Chromium that scripts/browser.mjs picks.
import { spawnSync } from "node:child_process";
import { resolveBrowser } from "./browser.mjs";

let browser;
try {
  browser = await resolveBrowser();
} catch (e) {
  console.error(`[e2e] ${e instanceof Error ? e.message : e}`);
  process.exit(2);
}
console.log(`[e2e] Chromium: ${browser.executablePath} (${browser.source})`);
const r = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, PLAYWRIGHT_CHROMIUM_EXECUTABLE: browser.executablePath, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(r.status ?? 1);
