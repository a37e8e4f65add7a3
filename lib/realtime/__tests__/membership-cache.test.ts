import { describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import { MembershipCache, type MemberRef } from "@/lib/realtime";

const a: MemberRef = { workspaceId: "w", userId: "a" };
const b: MemberRef = { workspaceId: "w", userId: "b" };
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(ttl = 1000) {
  let now = 0;
  const roles = new Map<string, Role>([
    ["a", "editor"],
    ["b", "editor"],
  ]);
  const single: string[] = [];
  const many: string[][] = [];
  const cache = new MembershipCache(
    async (m) => (single.push(m.userId), roles.get(m.userId) ?? null),
    ttl,
    {
      now: () => now,
      lookupMany: async (ms) => (many.push(ms.map((m) => m.userId)), new Map(ms.flatMap((m) => (roles.has(m.userId) ? [[`${m.workspaceId}:${m.userId}`, roles.get(m.userId)!] as const] : [])))),
    },
  );
  return { cache, roles, single, many, advance: (ms: number) => (now += ms) };
}

describe("MembershipCache (the authorizeWrite cache)", () => {
  it("serves a fetched role synchronously until the TTL, then not at all", async () => {
    const { cache, advance } = setup();
    expect(cache.peek(a)).toBeUndefined();
    expect(await cache.fetch(a)).toBe("editor");
    expect(cache.peek(a)).toEqual({ role: "editor" });
    advance(999);
    expect(cache.peek(a)).toEqual({ role: "editor" });
    advance(1);
    expect(cache.peek(a)).toBeUndefined();
  });

  it("refreshes members in use in the background with ONE batched query", async () => {
    const { cache, roles, single, many, advance } = setup(1000);
    await Promise.all([cache.fetch(a), cache.fetch(b)]);
    expect(single).toEqual(["a", "b"]);
    advance(600);
    roles.set("b", "viewer");
    cache.peek(a); // past half its life: schedules the batch
    cache.peek(b);
    await new Promise((r) => setTimeout(r, 150));
    expect(many).toEqual([["a", "b"]]);
    expect(cache.peek(b)).toEqual({ role: "viewer" });
    advance(900); // fresh again thanks to the refresh
    expect(cache.peek(a)).toEqual({ role: "editor" });
  });

  it("invalidate() forgets at once and a lookup already in flight cannot resurrect the old role", async () => {
    const { cache, roles } = setup();
    await cache.fetch(a);
    const inFlight = cache.fetch(a); // same promise as any concurrent caller
    cache.invalidate(a);
    roles.delete("a"); // removed
    await inFlight;
    expect(cache.peek(a)).toBeUndefined();
    expect(await cache.fetch(a)).toBeNull();
    expect(cache.peek(a)).toEqual({ role: null });
  });

  it("fetchMany reads fresh roles for many members in one query", async () => {
    const { cache, roles, many } = setup();
    await cache.fetch(a);
    roles.set("a", "reviewer");
    const result = await cache.fetchMany([a, b]);
    await tick();
    expect(many).toEqual([["a", "b"]]);
    expect([...result.values()]).toEqual(["reviewer", "editor"]);
    expect(cache.peek(a)).toEqual({ role: "reviewer" });
  });
});
