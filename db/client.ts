import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { runtime, runtimeKey } from "@/lib/runtime";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The database or an open transaction: verbs accept either, so they can join an outer transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DbKind;
  /** The server URL (postgres only), for work that needs its own connection. */
  url?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; "memory://" (or undefined with no url) for an in-memory database. */
  dataDir?: string;
  /** postgres.js pool size. */
  max?: number;
}

export function openDatabase(opts: OpenOptions): Database {
  if (opts.url) {
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return { db, kind: "postgres", url: opts.url, close: () => client.end({ timeout: 5 }) };
  }
  let dataDir = opts.dataDir;
  if (dataDir && dataDir !== "memory://") {
    dataDir = path.resolve(dataDir);
    mkdirSync(dataDir, { recursive: true }); // PGlite does not mkdir -p
  }
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { db, kind: "pglite", close: () => client.close() };
}

const DATABASE = runtimeKey<Database>("db.database");

/**
 * The process-wide database. server.ts opens it before Next starts; Next's bundled copy of this module finds
 * the same instance in the process-wide registry (one PGlite per data folder per process).
 */
export function getDatabase(): Database {
  return runtime.get(DATABASE, () => {
    const url = process.env.DATABASE_URL?.trim() || undefined;
    const dataDir = path.join(process.env.PROMPTYARD_DATA_DIR?.trim() || "./.data", "pglite");
    return openDatabase({ url, dataDir });
  });
}

export function setDatabase(database: Database): void {
  runtime.set(DATABASE, database);
}

export function getDb(): Db {
  return getDatabase().db;
}
