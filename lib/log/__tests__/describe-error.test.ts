import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { createTestDatabase } from "@/lib/test/db";
import { describeError, logError } from "@/lib/log";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe("describeError", () => {
  it("a real failed query from the driver is logged with its statement and cause, never its parameters", async () => {
    const secret = "sk-live-do-not-log-0123456789";
    const err: Error = await database.db.execute(sql`select ${secret}::int as n`).catch((e: Error) => e) as Error;
    expect(String(err.message)).toContain(secret); // the driver's own error does carry it: the reason this exists
    const text = describeError(err);
    expect(text).not.toContain(secret);
    expect(text).toMatch(/Failed query \(parameters withheld\): select \$1::int/);
    expect(text).toMatch(/cause: .*invalid input syntax for type integer/);
  });

  it("logError writes one line through console.error, redacted", async () => {
    const secret = "variables-with-pii@example.com";
    const err: Error = await database.db.execute(sql`select ${secret}::uuid`).catch((e: Error) => e) as Error;
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    logError("[promptyard] request failed", err);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]![0])).not.toContain(secret);
    spy.mockRestore();
  });

  it("keeps ordinary errors' message and stack, and causes", () => {
    const e = new Error("outer", { cause: new Error("inner") });
    const text = describeError(e);
    expect(text).toContain("Error: outer");
    expect(text).toContain("caused by: Error: inner");
    expect(describeError("plain")).toBe("plain");
  });
});
