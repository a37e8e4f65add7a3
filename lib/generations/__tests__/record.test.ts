import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { generations, reviewItems } from "@/db/schema";
import { recordGenerations, type GenerationRecord } from "@/lib/generations";
import { costUsd, setModelPrice } from "@/lib/models";
import { createQueue } from "@/lib/reviews";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { countingDb, samplingQueries, twoVersionPrompt } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const row = (over: Partial<GenerationRecord> = {}): GenerationRecord => ({ model: "gpt-4o-mini", input: [{ role: "user", content: "hi" }], output: "hello", inputTokens: 10, outputTokens: 20, ...over });

describe(`recordGenerations (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("stores 1,000 rows with one round of review-sampling queries, however many rows and queues", async () => {
    const { ctx } = await makeWorkspace(database);
    const p = await twoVersionPrompt(ctx);
    const { queue: single } = await createQueue({ ctx, input: { name: "All", filter: { promptId: p.prompt.id } } });
    const { queue: pairs } = await createQueue({ ctx, input: { name: "v1 vs v2", mode: "pairwise", filter: { promptId: p.prompt.id } } });
    const { queue: none } = await createQueue({ ctx, input: { name: "Other model", filter: { models: ["claude-opus-4"] } } });

    // Each question answered by v1 (rows 0-499) and by v2 (rows 500-999): 500 same-input pairs.
    const rows = Array.from({ length: 1000 }, (_, i) => row({ prompt: p.slug, version: i < 500 ? 1 : 2, variables: { question: `q${i % 500}` }, id: `big-${i}` }));
    const counted = countingDb(database);
    const result = await recordGenerations({ ctx: { ...ctx, db: counted.db }, input: { rows } });
    expect(result.rejected).toEqual([]);
    expect(result.inserted).toHaveLength(1000);
    expect(result.inserted.map((g) => g.index)).toEqual(rows.map((_, i) => i));
    expect(result.inserted[0]).toMatchObject({ externalId: "big-0", promptId: p.prompt.id, promptVersionId: p.v1.id, source: "production", status: "success" });
    expect(result.inserted[999]!.promptVersionId).toBe(p.v2.id);

    const items = (queueId: string) => database.db.select().from(reviewItems).where(eq(reviewItems.queueId, queueId));
    expect(await items(single.id)).toHaveLength(1000);
    expect(await items(pairs.id)).toHaveLength(500);
    expect(await items(none.id)).toHaveLength(0);
    expect(result.reviewItemsAdded).toBe(1500);

    // The sampling round: open queues, queue locks, existing single items, single insert, pair search, pair insert.
    const bigSampling = samplingQueries(counted.queries);
    expect(bigSampling.length, bigSampling.join("\n")).toBeLessThanOrEqual(6);
    expect(counted.queries.length, counted.queries.join("\n")).toBeLessThanOrEqual(16);

    // The same number of queries for 3 rows as for 1,000: nothing runs per row or per queue.
    const small = countingDb(database);
    const smallRows = [1, 2, 1].map((version, i) => row({ prompt: p.slug, version, variables: { question: i === 2 ? "new 1" : "new 0" } }));
    const few = await recordGenerations({ ctx: { ...ctx, db: small.db }, input: { rows: smallRows } });
    expect(few.reviewItemsAdded).toBe(3 + 1);
    expect(few.inserted).toHaveLength(3);
    expect(samplingQueries(small.queries)).toHaveLength(bigSampling.length);
  });

  it("is idempotent on the client's id: a retried batch stores nothing twice and reports the duplicates", async () => {
    const { ctx } = await makeWorkspace(database);
    const ids = Array.from({ length: 5 }, () => uniq("ext"));
    const first = await recordGenerations({ ctx, input: { rows: ids.map((id) => row({ id })) } });
    expect(first.inserted.map((g) => g.externalId)).toEqual(ids);
    expect(first.duplicates).toEqual([]);

    // Retry with one new row in the middle and one repeated within the batch.
    const again = await recordGenerations({ ctx, input: { rows: [...ids.slice(0, 2).map((id) => row({ id })), row({ id: "fresh" }), ...ids.slice(2).map((id) => row({ id })), row({ id: "fresh" })] } });
    expect(again.inserted.map((g) => [g.index, g.externalId])).toEqual([[2, "fresh"]]);
    const firstId = new Map(first.inserted.map((g) => [g.externalId, g.id]));
    expect(again.duplicates).toEqual([
      ...[0, 1, 3, 4, 5].map((index, i) => ({ index, externalId: ids[i], id: firstId.get(ids[i]!) })),
      { index: 6, externalId: "fresh", id: again.inserted[0]!.id },
    ]);
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(generations).where(eq(generations.workspaceId, ctx.workspace.id))) as [{ n: number }];
    expect(n).toBe(6);

    // The id is unique per workspace, not globally: another workspace may use the same one.
    const other = await makeWorkspace(database);
    expect((await recordGenerations({ ctx: other.ctx, input: { rows: [row({ id: ids[0] })] } })).inserted).toHaveLength(1);
  });

  it("computes cost from the workspace's price table when a row has none, and keeps a given cost", async () => {
    const { ctx } = await makeWorkspace(database);
    await setModelPrice({ ctx, input: { model: "house-model", inputPerMillion: 3, outputPerMillion: 15 } });
    const result = await recordGenerations({
      ctx,
      input: {
        rows: [
          row({ model: "house-model", inputTokens: 1000, outputTokens: 2000 }),
          row({ model: "gpt-4o-mini-2024-07-18", inputTokens: 1234, outputTokens: 567 }), // priced like its family
          row({ model: "house-model", costUsd: 0.5 }),
          row({ model: "unpriced-model" }),
          row({ model: "house-model", inputTokens: null, outputTokens: null }),
        ],
      },
    });
    expect(result.inserted.map((g) => g.costUsd)).toEqual([0.033, Number(costUsd({ inputTokens: 1234, outputTokens: 567 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 })!.toFixed(12)), 0.5, null, null]);
    // The workspace's own price wins over the shipped list price.
    await setModelPrice({ ctx, input: { model: "gpt-4o-mini", inputPerMillion: 1, outputPerMillion: 1 } });
    const [edited] = (await recordGenerations({ ctx, input: { rows: [row({ model: "gpt-4o-mini", inputTokens: 500_000, outputTokens: 500_000 })] } })).inserted;
    expect(edited!.costUsd).toBe(1);
  });

  it("sums costs exactly: 1,000 x $0.0001 is $0.1 in SQL, where floats drift", async () => {
    const { ctx } = await makeWorkspace(database);
    await recordGenerations({ ctx, input: { rows: Array.from({ length: 1000 }, () => row({ costUsd: 0.0001 })) } });
    const [total] = await database.db
      .select({ sum: sql<string>`sum(${generations.costUsd})::text` })
      .from(generations)
      .where(eq(generations.workspaceId, ctx.workspace.id));
    expect(Number(total!.sum)).toBe(0.1);
    expect(total!.sum).toMatch(/^0\.10*$/);
    // The same sum in doubles (what the old column did) does not come out at 0.1.
    expect(Array.from({ length: 1000 }, () => 0.0001).reduce((a, b) => a + b, 0)).not.toBe(0.1);
  });

  it("rejects invalid rows by index with the field named, stores the rest; refuses oversized batches and viewers", async () => {
    const { ctx } = await makeWorkspace(database);
    const result = await recordGenerations({
      ctx,
      input: {
        rows: [
          row(),
          row({ inputTokens: -1 }),
          row({ output: "bad \u0000 byte" }),
          { input: "no model" } as unknown as GenerationRecord,
          row({ version: 2 }),
          row({ startedAt: "2026-01-01T10:00:00Z", endedAt: "2026-01-01T10:00:02.5Z", environment: "eu-west", userId: "end-user-7", traceId: "tr-1", metadata: { plan: "pro" } }),
          row({ input: undefined, error: "provider said no", output: null }),
        ],
      },
    });
    expect(result.inserted.map((g) => g.index)).toEqual([0, 5, 6]);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, "invalid_input"],
      [2, "invalid_input"],
      [3, "invalid_input"],
      [4, "invalid_input"],
    ]);
    expect(result.rejected[0]!.message).toMatch(/^inputTokens: /);
    expect(result.rejected[1]!.message).toMatch(/^output: .*NUL/);
    expect(result.rejected[2]!.message).toMatch(/^model: /);
    expect(result.rejected[3]!.message).toMatch(/prompt/);
    const timed = result.inserted[1]!;
    expect(timed).toMatchObject({ latencyMs: 2500, environment: "eu-west", userRef: "end-user-7", traceId: "tr-1", metadata: { plan: "pro" }, userId: ctx.actor.kind === "user" ? ctx.actor.userId : null });
    expect(timed.startedAt.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(timed.endedAt!.toISOString()).toBe("2026-01-01T10:00:02.500Z");
    expect(result.inserted[2]).toMatchObject({ status: "error", error: "provider said no", input: null, output: null });

    await expectAppError(recordGenerations({ ctx, input: { rows: Array.from({ length: 1001 }, () => row()) } }), "too_large", /1000/);
    const viewer = await addMember(database, ctx, "viewer");
    await expectAppError(recordGenerations({ ctx: viewer.ctx, input: { rows: [row()] } }), "forbidden");
    const [{ n }] = (await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(generations)
      .where(and(eq(generations.workspaceId, ctx.workspace.id)))) as [{ n: number }];
    expect(n).toBe(3);
  });
});
