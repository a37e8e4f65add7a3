import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from db/schema; they are applied at start by db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
});
