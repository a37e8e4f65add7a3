// Which Chromium the browser tests use. Playwright never downloads one. In order:
//   1. PLAYWRIGHT_CHROMIUM_EXECUTABLE, when set;
//   2. Debian's /usr/bin/chromium (apt-get install -y chromium), when present;
//   3. the Chromium shipped inside the npm package @sparticuz/chromium (unpacked into the OS temp folder on first
//      use), so `npm ci && npm test` works on a fresh machine with no apt step.
// PROMPTYARD_TEST_BROWSER=bundled forces 3 (CI runs one spec that way so the fallback stays tested);
// PROMPTYARD_TEST_BROWSER=system forbids it.
import { existsSync } from "node:fs";

export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** @returns {Promise<{ executablePath: string, source: string }>} */
export async function resolveBrowser(env = process.env) {
  const mode = env.PROMPTYARD_TEST_BROWSER?.trim() || "auto";
  if (!["auto", "bundled", "system"].includes(mode)) {
    throw new Error(`PROMPTYARD_TEST_BROWSER must be auto, bundled or system (got ${JSON.stringify(mode)})`);
  }
  if (mode !== "bundled") {
    const given = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE?.trim();
    if (given) {
      if (!existsSync(given)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${given} does not exist`);
      return { executablePath: given, source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" };
    }
    if (existsSync("/usr/bin/chromium")) return { executablePath: "/usr/bin/chromium", source: "Debian /usr/bin/chromium" };
    if (mode === "system") throw new Error("no Chromium at /usr/bin/chromium and PROMPTYARD_TEST_BROWSER=system forbids the bundled one");
  }
  const { default: bundled } = await import("@sparticuz/chromium");
  return { executablePath: await bundled.executablePath(), source: "@sparticuz/chromium (bundled)" };
}
