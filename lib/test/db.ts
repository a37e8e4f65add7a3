import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/**
 * A real database for one test file: a fresh in-memory PGlite by default, or the PostgreSQL server named by
 * TEST_DATABASE_URL (CI creates a fresh database per run; tests isolate themselves with unique workspaces).
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL?.trim() || undefined;
  const database = url ? openDatabase({ url, max: 5 }) : openDatabase({ dataDir: "memory://" });
  await migrateDatabase(database);
  return database;
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL?.trim());

/** Unique per call, so tests sharing one server database never collide. */
export function uniq(prefix = "t"): string {
  return `${prefix}${randomBytes(5).toString("hex")}`;
}
