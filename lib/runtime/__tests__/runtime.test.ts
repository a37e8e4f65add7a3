import { afterEach, describe, expect, it, vi } from "vitest";
import { runtime, runtimeKey } from "@/lib/runtime";

const COUNTER = runtimeKey<{ n: number }>("test.counter");

afterEach(() => {
  runtime.delete(COUNTER);
});

describe("lib/runtime", () => {
  it("creates an object once and returns the same one afterwards", () => {
    const create = vi.fn(() => ({ n: 1 }));
    const a = runtime.get(COUNTER, create);
    const b = runtime.get(COUNTER, create);
    expect(a).toBe(b);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("shares objects between two copies of the module (as server.ts and Next's bundle do)", async () => {
    const first = runtime.get(COUNTER, () => ({ n: 7 }));
    vi.resetModules();
    const copy = await import("@/lib/runtime");
    expect(copy.runtime).not.toBe(runtime); // a genuinely separate module instance
    const again = copy.runtime.get(copy.runtimeKey<{ n: number }>("test.counter"), () => ({ n: 0 }));
    expect(again).toBe(first);
  });

  it("set replaces, peek does not create, delete forgets", () => {
    expect(runtime.peek(COUNTER)).toBeUndefined();
    runtime.set(COUNTER, { n: 2 });
    expect(runtime.peek(COUNTER)).toEqual({ n: 2 });
    expect(runtime.names()).toContain("test.counter");
    expect(runtime.delete(COUNTER)).toBe(true);
    expect(runtime.peek(COUNTER)).toBeUndefined();
    expect(runtime.delete(COUNTER)).toBe(false);
  });

  it("keeps a falsy value set on purpose", () => {
    const FLAG = runtimeKey<number>("test.flag");
    runtime.set(FLAG, 0);
    expect(runtime.get(FLAG, () => 5)).toBe(0);
    runtime.delete(FLAG);
  });

  it("refuses key names without a domain", () => {
    expect(() => runtimeKey("database")).toThrow(/<domain>\.<object>/);
  });

  it("keeps its one slot on globalThis under Symbol.for", () => {
    runtime.set(COUNTER, { n: 3 });
    const slot = (globalThis as Record<symbol, unknown>)[Symbol.for("promptyard.runtime")] as Map<string, unknown>;
    expect(slot.get("test.counter")).toEqual({ n: 3 });
  });
});
