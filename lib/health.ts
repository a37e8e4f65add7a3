import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase, type DbKind } from "@/db/client";

export async function databaseHealth(): Promise<{ ok: true; kind: DbKind } | { ok: false; kind: DbKind; message: string }> {
  const database = getDatabase();
  try {
    await database.db.execute(sql`select 1`);
    return { ok: true, kind: database.kind };
  } catch {
    return { ok: false, kind: database.kind, message: "The database is not reachable." };
  }
}
