import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditHeads, workspaces } from "@/db/schema";
import { appendAudit, eventHash, GENESIS_HASH, verifyAuditChain } from "@/lib/audit";
import { inTransaction, type WorkspaceCtx } from "@/lib/context";
import { uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

import { useAuditDatabase, database, eventsOf, append } from "./harness";

useAuditDatabase();

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

  it("hashes exactly what it stores: Dates become ISO strings, undefined is dropped, NaN is null, the at timestamp round-trips", async () => {
    const { ctx } = await makeWorkspace(database);
    const when = new Date("2025-03-15T14:47:00.123Z");
    const row = await append(ctx, "test.normalise", { when, gone: undefined, list: [undefined, 1], n: 1.5, s: "é\u2028\"", nan: NaN, inf: -Infinity });
    // Stored in its JSON form (lib/hash toJsonValue): NaN and Infinity become null, as JSON.stringify writes them.
    expect(row.data).toEqual({ when: "2025-03-15T14:47:00.123Z", list: [null, 1], n: 1.5, s: "é\u2028\"", nan: null, inf: null });
    const [stored] = (await eventsOf(ctx.workspace.id)).filter((e) => e.id === row.id);
    expect(stored!.data).toEqual(row.data);
    expect(stored!.at.toISOString()).toBe(row.at.toISOString());
    expect(eventHash(stored!.prevHash, stored!)).toBe(stored!.hash);
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
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
});
