import { rmSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { BROWSER_ARGS } from "./scripts/browser.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
/** The stand-in model provider (e2e/fixtures/model-server.ts), reached by the app over real HTTP. */
const MODEL_PORT = Number(process.env.E2E_MODEL_PORT ?? 4010);
const dataDir = path.join(__dirname, ".data-e2e");
// Playwright loads this config in the runner and in every worker: only the runner starts from a clean data dir.
if (!process.env.TEST_WORKER_INDEX) rmSync(dataDir, { recursive: true, force: true });

const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  HOSTNAME: "127.0.0.1",
  PROMPTYARD_DATA_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: "1",
};
if (process.env.TEST_DATABASE_URL) {
  serverEnv.DATABASE_URL = process.env.TEST_DATABASE_URL;
  serverEnv.PROMPTYARD_SECRET = "e2e-only-secret-0123456789abcdefghijklmnop";
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // `npm test` and `npm run test:e2e` set this from scripts/browser.mjs (Debian's Chromium, else the bundled one).
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium",
      args: BROWSER_ARGS,
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/owner.json" }, dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: [
    {
      // The production server: npm start builds first when there is no build.
      command: "node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      env: serverEnv,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx e2e/fixtures/model-server.ts --port ${MODEL_PORT}`,
      url: `http://127.0.0.1:${MODEL_PORT}/v1/models`,
      timeout: 30_000,
      reuseExistingServer: false,
    },
  ],
});
