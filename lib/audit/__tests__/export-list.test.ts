import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditHeads } from "@/db/schema";
import { exportAuditJsonl, listAuditActions, listAuditEvents } from "@/lib/audit";
import { createApiKey, authenticateApiKey } from "@/lib/api-keys";
import { usingPostgres } from "@/lib/test/db";
import { createHash } from "node:crypto";
import { useAuditDatabase, database, append, workspaceWithEvents, thirdPartyCanonical } from "./harness";

useAuditDatabase();

describe(`audit export and list (${usingPostgres() ? "postgres" : "pglite"})`, () => {
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
