import { describe, expect, it } from "vitest";
import { backoffDelay } from "@/lib/jobs";

describe("backoffDelay", () => {
  it("doubles from the base per failed attempt, capped at the maximum", () => {
    const opts = { baseMs: 1000, maxMs: 10_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, opts))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("jitter only shortens a delay, by at most its fraction", () => {
    const opts = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };
    expect(backoffDelay(3, opts, () => 0)).toBe(4000);
    expect(backoffDelay(3, opts, () => 1)).toBe(3200);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(3600);
  });

  it("defaults: 1 s base, 10 min cap", () => {
    expect(backoffDelay(1, {}, () => 0)).toBe(1000);
    expect(backoffDelay(30, {}, () => 0)).toBe(600_000);
  });
});
