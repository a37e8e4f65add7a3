import postgres from "postgres";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createTestDatabase, uniq } from "./db";

/**
 * A database no other test file shares, for tests whose background workers scan whole tables (the event
 * dispatcher, the jobs runner): on PostgreSQL (TEST_DATABASE_URL) a fresh database created on that server and
 * dropped on close, so a dispatcher in another test file running at the same time cannot claim this file's
 * rows; on PGlite simply a fresh in-memory database (already private).
 */
export async function createIsolatedDatabase(): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL?.trim();
  if (!base) return createTestDatabase();
  const name = uniq("iso_");
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end({ timeout: 5 });
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), max: 5 });
  await migrateDatabase(database);
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = postgres(base, { max: 1, onnotice: () => {} });
      await drop.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await drop.end({ timeout: 5 });
    },
  };
}

/** Polls `cond` until it holds (state, not time: the timeout only bounds a failing test). */
export async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
