import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next's react-server bundle the real package throws; in tests it is a no-op.
      "server-only": path.resolve(import.meta.dirname, "lib/test/server-only-noop.ts"),
    },
  },
  test: {
    include: ["lib/**/__tests__/**/*.test.ts", "db/**/__tests__/**/*.test.ts", "app/**/__tests__/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores here: PGlite instances are heavy, so keep parallelism bounded.
    maxWorkers: 2,
  },
});
