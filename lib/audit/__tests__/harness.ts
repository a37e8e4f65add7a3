/** Shared harness of the audit tests: one database per file, factories, and a superuser's tampering tools. */
import { afterAll, beforeAll, expect } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { inTransaction, type WorkspaceCtx } from "@/lib/context";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

export let database: Database;

/** Call once at the top of a test file: one database for the file, closed after it. */
export function useAuditDatabase() {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());
}

export async function eventsOf(workspaceId: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId)).orderBy(asc(auditEvents.seq));
}

export function append(ctx: WorkspaceCtx, action = "test.append", data: Record<string, unknown> = {}) {
  return inTransaction(ctx, (tx) => appendAudit(tx, { action, targetType: "test", targetId: uniq(), data }));
}

/** A workspace with `n` test events after its workspace.create (seq 1). */
export async function workspaceWithEvents(n: number) {
  const w = await makeWorkspace(database);
  for (let i = 0; i < n; i++) await append(w.ctx, "test.append", { i });
  return w;
}

/**
 * Tampering as a superuser would: the append-only trigger is disabled, the change made and the trigger enabled
 * again, all in one transaction on one connection (DDL is transactional), so no other session ever sees it off.
 */
export async function asSuperuser(fn: (db: Db) => Promise<unknown>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await fn(tx);
    await tx.execute(sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
  });
}

/** The database's own message, under the driver's "Failed query" wrapper. */
export async function rejection(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (e) {
    const messages: string[] = [];
    for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) messages.push(cur.message);
    return messages.join(" | ");
  }
  throw new Error("expected the statement to be rejected");
}

export async function expectTriggerActive(id: number) {
  expect(await rejection(database.db.update(auditEvents).set({ action: "x.y" }).where(eq(auditEvents.id, id)))).toMatch(/audit_event is append-only: UPDATE/);
  expect(await rejection(database.db.delete(auditEvents).where(eq(auditEvents.id, id)))).toMatch(/audit_event is append-only: DELETE/);
}

/** Written independently of lib/audit: what a third party would do with the export. */
export function thirdPartyCanonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(thirdPartyCanonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${thirdPartyCanonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
