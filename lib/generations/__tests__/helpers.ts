import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Database, Db } from "@/db/client";
import * as schema from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { commitVersion, createPrompt } from "@/lib/prompts";
import { uniq } from "@/lib/test/db";

/** Shared by the generation tests (not a test file itself). */

/**
 * A second drizzle instance over the test database's own connection, with a logger: every statement drizzle sends
 * through it is recorded, so a test can count the queries a verb makes (transactions and savepoints included).
 */
export function countingDb(database: Database): { db: Db; queries: string[] } {
  const queries: string[] = [];
  const logger = { logQuery: (query: string) => void queries.push(query) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db =
    database.kind === "pglite"
      ? (drizzlePglite({ client: client as PGlite, schema, logger }) as unknown as Db)
      : (drizzlePostgres({ client: client as Sql, schema, logger }) as unknown as Db);
  return { db, queries };
}

/** Queries that read or write review queues and items: the review-sampling round. */
export const samplingQueries = (queries: string[]) => queries.filter((q) => /"review_(queue|item)"/.test(q));

/** A text prompt with versions 1 and 2 (different content, so different hashes). */
export async function twoVersionPrompt(ctx: WorkspaceCtx) {
  const slug = uniq("gp");
  const created = await createPrompt({ ctx, input: { slug, type: "text", content: "Answer {{question}}", message: "v1" } });
  const v2 = await commitVersion({ ctx, input: { slug, content: "Answer {{question}} briefly", message: "v2" } });
  return { slug, prompt: created.prompt, v1: created.version, v2: v2.version };
}
