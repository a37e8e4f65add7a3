import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, modelPrices } from "@/db/schema";
import { costUsd, deleteModelPrice, findPrice, LIST_PRICES, listModelPrices, priceForModel, PRICES_TAKEN_ON, priceKeyCandidates, setModelPrice } from "@/lib/models";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { expectAppError, expectZodError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";

describe("costUsd and price lookup (pure)", () => {
  it("is in/1e6*inPrice + out/1e6*outPrice; unknown price or usage gives null, never 0", () => {
    expect(costUsd({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, { inputPerMillion: 2.5, outputPerMillion: 10 })).toBe(12.5);
    expect(costUsd({ inputTokens: 1234, outputTokens: 567 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 })).toBe((1234 / 1e6) * 0.15 + (567 / 1e6) * 0.6);
    expect(costUsd({ inputTokens: 0, outputTokens: 0 }, { inputPerMillion: 3, outputPerMillion: 15 })).toBe(0);
    expect(costUsd({ inputTokens: 10, outputTokens: 10 }, null)).toBeNull();
    expect(costUsd({ inputTokens: null, outputTokens: 10 }, { inputPerMillion: 1, outputPerMillion: 1 })).toBeNull();
  });

  it("ships list prices for the common models, dated", () => {
    expect(PRICES_TAKEN_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const m of ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3-mini", "claude-3-5-haiku-latest", "claude-3-7-sonnet-latest", "claude-sonnet-4", "claude-opus-4", "gemini-2.0-flash", "gemini-1.5-pro", "gemini-2.5-pro", "gemini-2.5-flash"]) {
      expect(LIST_PRICES[m], m).toBeDefined();
      expect(LIST_PRICES[m]!.outputPerMillion).toBeGreaterThanOrEqual(LIST_PRICES[m]!.inputPerMillion);
    }
    expect(LIST_PRICES["gpt-4o-mini"]).toMatchObject({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
  });

  it("prices dated model ids like their family, exact ids first", () => {
    expect(priceKeyCandidates("gpt-4o-2024-08-06")).toContain("gpt-4o");
    expect(findPrice(LIST_PRICES, "gpt-4o-2024-08-06")).toBe(LIST_PRICES["gpt-4o"]);
    expect(findPrice(LIST_PRICES, "gpt-4o-mini-2024-07-18")).toBe(LIST_PRICES["gpt-4o-mini"]);
    expect(findPrice(LIST_PRICES, "claude-sonnet-4-20250514")).toBe(LIST_PRICES["claude-sonnet-4"]);
    expect(findPrice(LIST_PRICES, "claude-3-5-haiku-20241022")).toBe(LIST_PRICES["claude-3-5-haiku-latest"]);
    expect(findPrice(LIST_PRICES, "llama3.1:8b")).toBeNull();
    expect(findPrice(LIST_PRICES, "gpt-4.1-mini")).toBe(LIST_PRICES["gpt-4.1-mini"]);
  });
});

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe(`workspace prices (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("are seeded lazily from the shipped table on first read, then editable per workspace (audited)", async () => {
    const { ctx } = await makeWorkspace(database);
    expect(await database.db.select().from(modelPrices).where(eq(modelPrices.workspaceId, ctx.workspace.id))).toHaveLength(0);
    const prices = await listModelPrices({ ctx });
    expect(prices).toHaveLength(Object.keys(LIST_PRICES).length);
    expect(prices.find((p) => p.model === "gpt-4o")).toMatchObject({ inputPerMillion: 2.5, outputPerMillion: 10, source: "list", listPrice: { takenOn: PRICES_TAKEN_ON } });

    await setModelPrice({ ctx, input: { model: "gpt-4o", inputPerMillion: 2, outputPerMillion: 8 } });
    await setModelPrice({ ctx, input: { model: "llama3.1:8b", inputPerMillion: 0, outputPerMillion: 0 } });
    const after = await listModelPrices({ ctx });
    expect(after.find((p) => p.model === "gpt-4o")).toMatchObject({ inputPerMillion: 2, outputPerMillion: 8, source: "custom", listPrice: { inputPerMillion: 2.5 } });
    expect(after.find((p) => p.model === "llama3.1:8b")).toMatchObject({ source: "custom", listPrice: null });
    expect(await priceForModel(database.db, ctx.workspace.id, "gpt-4o-2024-08-06")).toMatchObject({ inputPerMillion: 2, outputPerMillion: 8 });
    expect(await priceForModel(database.db, ctx.workspace.id, "unknown-model")).toBeNull();

    // Another workspace is untouched.
    const other = await makeWorkspace(database);
    expect(await priceForModel(database.db, other.ctx.workspace.id, "gpt-4o")).toMatchObject({ inputPerMillion: 2.5 });

    // Deleting resets a shipped model to its list price and removes a custom one.
    expect(await deleteModelPrice({ ctx, input: { model: "gpt-4o" } })).toEqual({ model: "gpt-4o", reset: true });
    expect(await deleteModelPrice({ ctx, input: { model: "llama3.1:8b" } })).toEqual({ model: "llama3.1:8b", reset: false });
    expect(await priceForModel(database.db, ctx.workspace.id, "gpt-4o")).toMatchObject({ inputPerMillion: 2.5 });
    expect(await priceForModel(database.db, ctx.workspace.id, "llama3.1:8b")).toBeNull();
    await expectAppError(deleteModelPrice({ ctx, input: { model: "never-priced" } }), "not_found");

    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ctx.workspace.id));
    const priceEvents = events.filter((e) => e.action.startsWith("model_price.")).sort((a, b) => a.seq - b.seq);
    expect(priceEvents.map((e) => e.action)).toEqual(["model_price.update", "model_price.update", "model_price.delete", "model_price.delete"]);
    expect(priceEvents[0]!.data).toEqual({ model: "gpt-4o", before: { inputPerMillion: 2.5, outputPerMillion: 10 }, after: { inputPerMillion: 2, outputPerMillion: 8 } });
  });

  it("validates prices and lets only admins edit them (everyone who reads runs can read them)", async () => {
    const { ctx } = await makeWorkspace(database);
    await expectZodError(setModelPrice({ ctx, input: { model: "m", inputPerMillion: -1, outputPerMillion: 1 } }), /inputPerMillion must be 0 or more/);
    const editor = await addMember(database, ctx, "editor");
    const viewer = await addMember(database, ctx, "viewer");
    await expectAppError(setModelPrice({ ctx: editor.ctx, input: { model: "m", inputPerMillion: 1, outputPerMillion: 1 } }), "forbidden");
    await expectAppError(deleteModelPrice({ ctx: editor.ctx, input: { model: "gpt-4o" } }), "forbidden");
    expect((await listModelPrices({ ctx: viewer.ctx })).length).toBeGreaterThan(0);
  });
});
