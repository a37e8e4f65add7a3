import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { eventHash, verifyAuditChain } from "@/lib/audit";
import { usingPostgres } from "@/lib/test/db";
import { useAuditDatabase, database, eventsOf, workspaceWithEvents, asSuperuser, rejection, expectTriggerActive } from "./harness";

useAuditDatabase();

describe(`audit chain tampering (${usingPostgres() ? "postgres" : "pglite"})`, () => {
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
});
