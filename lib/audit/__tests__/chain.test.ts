import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import type { Database, Db } from "@/db/client";
import { auditEvents, auditHeads, workspaces } from "@/db/schema";
import { appendAudit, canonicalJson, eventHash, exportAuditJsonl, GENESIS_HASH, listAuditActions, listAuditEvents, verifyAuditChain } from "@/lib/audit";
import { createApiKey, authenticateApiKey } from "@/lib/api-keys";
import { inTransaction, type WorkspaceCtx } from "@/lib/context";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

async function eventsOf(workspaceId: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId)).orderBy(asc(auditEvents.seq));
}

function append(ctx: WorkspaceCtx, action = "test.append", data: Record<string, unknown> = {}) {
  return inTransaction(ctx, (tx) => appendAudit(tx, { action, targetType: "test", targetId: uniq(), data }));
}

/** A workspace with `n` test events after its workspace.create (seq 1). */
async function workspaceWithEvents(n: number) {
  const w = await makeWorkspace(database);
  for (let i = 0; i < n; i++) await append(w.ctx, "test.append", { i });
  return w;
}

/**
 * Tampering as a superuser would: the append-only trigger is disabled, the change made and the trigger enabled
 * again, all in one transaction on one connection (DDL is transactional), so no other session ever sees it off.
 */
async function asSuperuser(fn: (db: Db) => Promise<unknown>) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await fn(tx);
    await tx.execute(sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
  });
}

/** The database's own message, under the driver's "Failed query" wrapper. */
async function rejection(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (e) {
    const messages: string[] = [];
    for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) messages.push(cur.message);
    return messages.join(" | ");
  }
  throw new Error("expected the statement to be rejected");
}

async function expectTriggerActive(id: number) {
  expect(await rejection(database.db.update(auditEvents).set({ action: "x.y" }).where(eq(auditEvents.id, id)))).toMatch(/audit_event is append-only: UPDATE/);
  expect(await rejection(database.db.delete(auditEvents).where(eq(auditEvents.id, id)))).toMatch(/audit_event is append-only: DELETE/);
}

/** Written independently of lib/audit: what a third party would do with the export. */
function thirdPartyCanonical(v: unknown): string {
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

describe(`audit chain (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("appends events with gapless seq, linked hashes, and verifies", async () => {
    const { ctx, owner } = await makeWorkspace(database);
    const first = await append(ctx, "test.one", { n: 1 });
    const second = await append(ctx, "test.two", { nested: { b: 2, a: [1, "x", null] } });

    const events = await eventsOf(ctx.workspace.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.action).toBe("workspace.create");
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.id).toBe(first.id);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.id).toBe(second.id);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    for (const e of events) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(eventHash(e.prevHash, e)).toBe(e.hash);
      expect(e.actorType).toBe("user");
      expect(e.actorId).toBe(owner.id);
      expect(e.actorLabel).toBe(owner.email);
    }
    expect(events[2]!.data).toEqual({ nested: { a: [1, "x", null], b: 2 } });

    const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.workspaceId, ctx.workspace.id));
    expect(head).toEqual({ workspaceId: ctx.workspace.id, seq: 3, hash: events[2]!.hash });
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 3 });
    // Page boundaries do not matter.
    expect(await verifyAuditChain(ctx, { pageSize: 1 })).toEqual({ ok: true, events: 3 });
    expect(await verifyAuditChain(ctx, { pageSize: 2 })).toEqual({ ok: true, events: 3 });
  });

  it("hashes exactly what it stores: Dates become ISO strings, undefined is dropped, the at timestamp round-trips", async () => {
    const { ctx } = await makeWorkspace(database);
    const when = new Date("2025-03-15T14:47:00.123Z");
    const row = await append(ctx, "test.normalise", { when, gone: undefined, list: [undefined, 1], n: 1.5, s: "é\u2028\"" });
    expect(row.data).toEqual({ when: "2025-03-15T14:47:00.123Z", list: [null, 1], n: 1.5, s: "é\u2028\"" });
    const [stored] = (await eventsOf(ctx.workspace.id)).filter((e) => e.id === row.id);
    expect(stored!.data).toEqual(row.data);
    expect(stored!.at.toISOString()).toBe(row.at.toISOString());
    expect(eventHash(stored!.prevHash, stored!)).toBe(stored!.hash);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
  });

  it("canonicalJson sorts keys at every depth, has no whitespace, and matches JSON.stringify otherwise", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: () => 1, c: new Date(0) })).toBe('{"c":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson([undefined, NaN, Infinity])).toBe("[null,null,null]");
    expect(canonicalJson("x\ny")).toBe(JSON.stringify("x\ny"));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/circular/);
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(/BigInt/);
  });

  it("refuses to append outside a transaction, and rejects action names that are not <noun>.<verb>", async () => {
    const { ctx } = await makeWorkspace(database);
    await expect(appendAudit(ctx, { action: "test.outside", targetType: "test" })).rejects.toThrow(/inside the transaction/);
    await expect(append(ctx, "NotAnAction")).rejects.toThrow(/<noun>\.<verb>/);
    await expect(append(ctx, "member invite")).rejects.toThrow(/<noun>\.<verb>/);
    expect((await eventsOf(ctx.workspace.id)).map((e) => e.action)).toEqual(["workspace.create"]);
  });

  it("an event rolls back with the transaction it was written in", async () => {
    const { ctx } = await makeWorkspace(database);
    await expect(
      inTransaction(ctx, async (tx) => {
        await appendAudit(tx, { action: "test.rolled_back", targetType: "test" });
        throw new Error("the mutation failed");
      }),
    ).rejects.toThrow(/mutation failed/);
    await append(ctx, "test.after");
    expect((await eventsOf(ctx.workspace.id)).map((e) => [e.seq, e.action])).toEqual([
      [1, "workspace.create"],
      [2, "test.after"],
    ]);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 2 });
  });

  it("CONCURRENT: 20 appends at once, each in its own transaction, get seq 2..21 with a valid chain", async () => {
    const { ctx } = await makeWorkspace(database);
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => append(ctx, "test.concurrent", { i })));
    expect(made.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const events = await eventsOf(ctx.workspace.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 21 });
    expect(await verifyAuditChain(ctx, { pageSize: 3 })).toEqual({ ok: true, events: 21 });
  });

  it("CONCURRENT: 20 first appends to a workspace without a chain head create it once (seq 1..20)", async () => {
    // A workspace from before audit logging existed: no head row, no events.
    const [ws] = await database.db.insert(workspaces).values({ slug: uniq("old"), name: "Old" }).returning();
    const ctx: WorkspaceCtx = { db: database.db, actor: { kind: "system" }, workspace: { id: ws!.id, slug: ws!.slug, name: ws!.name } };
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 0 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(ctx, "test.first_use", { i })));
    const events = await eventsOf(ws!.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(events.every((e) => e.actorType === "system" && e.actorId === null && e.actorLabel === "system")).toBe(true);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 20 });
  });

  it("the table is append-only: UPDATE, DELETE and TRUNCATE are rejected by the trigger", async () => {
    const { ctx } = await workspaceWithEvents(1);
    const [e] = await eventsOf(ctx.workspace.id);
    expect(await rejection(database.db.update(auditEvents).set({ data: { forged: true } }).where(eq(auditEvents.id, e!.id)))).toMatch(
      /audit_event is append-only: UPDATE is not allowed/,
    );
    expect(await rejection(database.db.delete(auditEvents).where(eq(auditEvents.id, e!.id)))).toMatch(/audit_event is append-only: DELETE is not allowed/);
    await expectTriggerActive(e!.id);
    // If the trigger ever failed, the rollback keeps every other test's events.
    const truncate = database.db.transaction(async (tx) => {
      await tx.execute(sql`TRUNCATE audit_event`);
      throw new Error("TRUNCATE was allowed");
    });
    expect(await rejection(truncate)).toMatch(/audit_event is append-only: TRUNCATE is not allowed/);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 2 });
  });

  it("TAMPER (superuser): a modified row is reported with its id", async () => {
    const { ctx } = await workspaceWithEvents(5);
    const before = await eventsOf(ctx.workspace.id);
    const target = before[3]!; // seq 4
    await asSuperuser((db) => db.update(auditEvents).set({ data: { i: 999 } }).where(eq(auditEvents.id, target.id)));
    expect((await eventsOf(ctx.workspace.id))[3]!.data).toEqual({ i: 999 });

    const res = await verifyAuditChain(ctx);
    expect(res).toEqual({ ok: false, events: 3, firstBrokenEventId: target.id, reason: "event 4 was modified" });
    expect(await verifyAuditChain(ctx, { pageSize: 2 })).toEqual(res);
    await expectTriggerActive(target.id);
  });

  it("TAMPER (superuser): a row rewritten with a recomputed hash still breaks the link to the next event", async () => {
    const { ctx } = await workspaceWithEvents(4);
    const before = await eventsOf(ctx.workspace.id);
    const target = before[2]!; // seq 3
    const forged = { ...target, actorLabel: "someone-else@example.test" };
    await asSuperuser((db) => db.update(auditEvents).set({ actorLabel: forged.actorLabel, hash: eventHash(target.prevHash, forged) }).where(eq(auditEvents.id, target.id)));
    const res = await verifyAuditChain(ctx);
    expect(res.ok).toBe(false);
    expect(res.firstBrokenEventId).toBe(before[3]!.id);
    expect(res.reason).toBe("event 4 no longer links to event 3: one of them was modified");
  });

  it("TAMPER (superuser): a deleted middle row is reported as a gap at the event after it", async () => {
    const { ctx } = await workspaceWithEvents(5);
    const before = await eventsOf(ctx.workspace.id);
    await asSuperuser((db) => db.delete(auditEvents).where(eq(auditEvents.id, before[2]!.id))); // seq 3
    const res = await verifyAuditChain(ctx);
    expect(res).toEqual({ ok: false, events: 2, firstBrokenEventId: before[3]!.id, reason: "events missing between seq 2 and 4" });
    await expectTriggerActive(before[3]!.id);
  });

  it("TAMPER (superuser): a deleted first row is reported", async () => {
    const { ctx } = await workspaceWithEvents(2);
    const before = await eventsOf(ctx.workspace.id);
    await asSuperuser((db) => db.delete(auditEvents).where(eq(auditEvents.id, before[0]!.id)));
    expect(await verifyAuditChain(ctx)).toEqual({ ok: false, events: 0, firstBrokenEventId: before[1]!.id, reason: "events missing before seq 2" });
  });

  it("TAMPER (superuser): deleting the newest rows is caught by the head", async () => {
    const { ctx } = await workspaceWithEvents(5);
    const before = await eventsOf(ctx.workspace.id); // seq 1..6
    await asSuperuser((db) => db.delete(auditEvents).where(eq(auditEvents.id, before[5]!.id)));
    const res = await verifyAuditChain(ctx);
    expect(res.ok).toBe(false);
    expect(res.events).toBe(5);
    expect(res.firstBrokenEventId).toBe(before[4]!.id);
    expect(res.reason).toMatch(/^the newest events were removed/);
    expect(res.reason).toContain("event 5");
    expect(res.reason).toContain("event 6");

    // All of them.
    await asSuperuser((db) => db.delete(auditEvents).where(eq(auditEvents.workspaceId, ctx.workspace.id)));
    const all = await verifyAuditChain(ctx);
    expect(all.ok).toBe(false);
    expect(all.events).toBe(0);
    expect(all.reason).toMatch(/^the newest events were removed/);
  });

  it("TAMPER (superuser): the newest row rewritten with a recomputed hash no longer matches the head", async () => {
    const { ctx } = await workspaceWithEvents(2);
    const before = await eventsOf(ctx.workspace.id);
    const last = before[2]!;
    const forged = { ...last, data: { i: 42 } };
    await asSuperuser((db) => db.update(auditEvents).set({ data: forged.data, hash: eventHash(last.prevHash, forged) }).where(eq(auditEvents.id, last.id)));
    const res = await verifyAuditChain(ctx);
    expect(res).toMatchObject({ ok: false, firstBrokenEventId: last.id });
    expect(res.reason).toMatch(/^event 3 was modified/);
  });

  it("exportAuditJsonl: one canonical JSON object per line, oldest first, re-verifiable by a third party", async () => {
    const { ctx } = await workspaceWithEvents(6);
    const lines: string[] = [];
    for await (const line of exportAuditJsonl(ctx, { pageSize: 2 })) lines.push(line);
    expect(lines).toHaveLength(7);
    expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Object.keys(parsed[0]!)).toEqual([
      "action",
      "actorId",
      "actorLabel",
      "actorType",
      "at",
      "data",
      "hash",
      "id",
      "prevHash",
      "seq",
      "targetId",
      "targetType",
      "workspaceId",
    ]);

    // Re-verify from the file alone, without lib/audit.
    let prev = "0".repeat(64);
    for (const p of parsed) {
      expect(p.prevHash).toBe(prev);
      const { workspaceId, seq, at, actorType, actorId, actorLabel, action, targetType, targetId, data } = p;
      const payload = thirdPartyCanonical({ workspaceId, seq, at, actorType, actorId, actorLabel, action, targetType, targetId, data });
      expect(createHash("sha256").update(String(p.prevHash) + payload).digest("hex")).toBe(p.hash);
      prev = String(p.hash);
    }
    const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.workspaceId, ctx.workspace.id));
    expect(prev).toBe(head!.hash);
  });

  it("listAuditEvents: newest first, cursor pages, filters, actor names", async () => {
    const { ctx, owner } = await workspaceWithEvents(4); // seq 1 workspace.create, 2..5 test.append
    const { key, apiKey } = await createApiKey({ ctx, input: { name: "CI key", scopes: ["admin"] } }); // seq 6
    const keyCtx = await authenticateApiKey({ db: database.db, key });
    await append(keyCtx, "test.by_key"); // seq 7
    await append({ ...ctx, actor: { kind: "system" } }, "test.by_system"); // seq 8

    const all = await listAuditEvents(ctx, { limit: 200 });
    expect(all.nextCursor).toBeNull();
    expect(all.events.map((e) => e.seq)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const bySeq = new Map(all.events.map((e) => [e.seq, e]));
    expect(bySeq.get(8)).toMatchObject({ actorType: "system", actorId: null, actorName: "System" });
    expect(bySeq.get(7)).toMatchObject({ actorType: "api_key", actorId: apiKey.id, actorName: "CI key", actorLabel: "CI key", action: "test.by_key" });
    expect(bySeq.get(6)).toMatchObject({ actorType: "user", actorId: owner.id, actorName: owner.name, actorLabel: owner.email, action: "api_key.create" });

    const seen: number[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listAuditEvents(ctx, { limit: 3, cursor });
      seen.push(...page.events.map((e) => e.seq));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);

    expect((await listAuditEvents(ctx, { action: "test.append" })).events.map((e) => e.seq)).toEqual([5, 4, 3, 2]);
    expect((await listAuditEvents(ctx, { actorId: apiKey.id })).events.map((e) => e.seq)).toEqual([7]);
    expect((await listAuditEvents(ctx, { targetType: "api_key" })).events.map((e) => e.seq)).toEqual([6]);
    const at5 = bySeq.get(5)!.at;
    expect((await listAuditEvents(ctx, { from: new Date(at5.getTime() + 60_000) })).events).toEqual([]);
    expect((await listAuditEvents(ctx, { to: new Date(bySeq.get(1)!.at.getTime()) })).events).toEqual([]);
    const window = await listAuditEvents(ctx, { from: bySeq.get(2)!.at, to: new Date(Date.now() + 60_000), action: "test.append", limit: 2 });
    expect(window.events.map((e) => e.seq)).toEqual([5, 4]);
    expect(window.nextCursor).toBe(4);

    expect(await listAuditActions(ctx)).toEqual(["api_key.create", "test.append", "test.by_key", "test.by_system", "workspace.create"]);
    await expect(listAuditEvents(ctx, { limit: 201 })).rejects.toThrow(/at most 200/);
    await expect(listAuditEvents(ctx, { limit: 0 })).rejects.toThrow(/at least 1/);
  });
});
