import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function snapshot(db: Database["db"]) {
  const res = await db.execute(sql`
    select table_name, column_name, data_type, is_nullable, column_default
    from information_schema.columns where table_schema = 'public' order by table_name, column_name`);
  const rows = Array.isArray(res) ? res : (res as unknown as { rows: unknown[] }).rows;
  const idx = await db.execute(sql`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`);
  const idxRows = Array.isArray(idx) ? idx : (idx as unknown as { rows: unknown[] }).rows;
  return JSON.stringify({ rows, idxRows });
}

describe(`migrations (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("apply a second time without changing the schema", async () => {
    const before = await snapshot(database.db);
    expect(before).toContain('"table_name":"workspace"');
    await migrateDatabase(database);
    await migrateDatabase(database);
    expect(await snapshot(database.db)).toEqual(before);
  });
});
