import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents, auditHeads, workspaces, type AuditEvent } from "@/db/schema";
import { eventHash, GENESIS_HASH, verifyAuditChain } from "@/lib/audit";
import { canonicalJson, hashVersion, sha256Hex } from "@/lib/hash";
import { createTestDatabase } from "@/lib/test/db";
import { legacyAuditCanonicalJson, legacyPromptsCanonicalJson, legacySha256Hex } from "./legacy";
import { seededRandom } from "@/lib/test/random";

/*
 * Existing hashes keep verifying. Before lib/hash there were two canonical JSONs (the prompts one threw on NaN, the
 * audit one wrote null) and a hand-written SHA-256. Every hash ever stored was computed over a JSON value that
 * Postgres accepted into jsonb (audit data is stored in its JSON form first), so the new form must give the same
 * bytes for every such value. Shown two ways: rows written by the old code (a fixture recorded before the change),
 * and a seeded random search over the values where canonical JSONs usually disagree (number formatting, -0, 1e21,
 * escapes, U+2028, astral characters, key order by UTF-16 units, numeric-looking keys, deep nesting).
 */

type FixtureVersion = { slug: string; version: number; type: string; content: unknown; config: unknown; hash: string };
type FixtureEvent = Omit<AuditEvent, "at"> & { at: string };
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/pre-jcs.json"), "utf8")) as { versions: FixtureVersion[]; events: FixtureEvent[] };

const rng = seededRandom;

const NUMBERS = [0, -0, 1, -1, 0.1, 0.2 + 0.1, 1 / 3, -2 / 3, 1e21, 1e-7, 1e-6, 999999999999999900000, 123456789012345680000, 5e-324, -5e-324, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 1e300, 4.5, 0.002, 1e30, 1e-27, 333333333.33333329, 100, 1e20];
const CHARS = ['"', "\\", "/", "\n", "\r", "\t", "\b", "\f", "\u0000", "\u0001", "\u001f", "\u007f", "\u2028", "\u2029", "é", "ß", "中", "！", "\ufeff", "\uffff", "😀", "🙂", "𝄞", "a", "Z", "0", " ", "{", "}", "<", "&"];
const KEYS = ["a", "b", "B", "_", "10", "9", "1", "01", "", "é", "😀", "！", "\u007f", "a b", "\uffff", "content", "type", "config"];

function randomValue(r: () => number, depth: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const kind = Math.floor(r() * (depth > 3 ? 4 : 7));
  switch (kind) {
    case 0:
      return r() < 0.5 ? pick(NUMBERS) : randomDouble(r);
    case 1:
      return Array.from({ length: Math.floor(r() * 12) }, () => (r() < 0.3 ? pick(CHARS) : String.fromCharCode(32 + Math.floor(r() * 0xd7e0)))).join("");
    case 2:
      return pick([true, false, null]);
    case 3:
      return Math.floor(r() * 2 ** 31) * (r() < 0.5 ? -1 : 1);
    case 4:
    case 5: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 6); i > 0; i--) o[r() < 0.6 ? pick(KEYS) : String(randomValue(r, 9))] = randomValue(r, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
  }
}

/** Any finite double, from random bits (covers subnormals, huge and tiny exponents). */
function randomDouble(r: () => number): number {
  const buf = Buffer.alloc(8);
  for (;;) {
    buf.writeUInt32BE(Math.floor(r() * 2 ** 32), 0);
    buf.writeUInt32BE(Math.floor(r() * 2 ** 32), 4);
    const d = buf.readDoubleBE(0);
    if (Number.isFinite(d)) return d;
  }
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

describe("one canonical hash: byte-identical to the code it replaced", () => {
  it("recomputes every version hash stored by the old code", () => {
    expect(fixture.versions.length).toBeGreaterThan(10);
    for (const v of fixture.versions) {
      const why = `${v.slug} v${v.version}`;
      expect(hashVersion({ type: v.type, content: v.content, config: v.config }), why).toBe(v.hash);
      expect(legacySha256Hex(legacyPromptsCanonicalJson({ type: v.type, content: v.content, config: v.config })), why).toBe(v.hash);
    }
  });

  it("re-verifies every audit event stored by the old code (hashes and links)", () => {
    expect(fixture.events.length).toBeGreaterThan(20);
    const prevByWorkspace = new Map<string, string>();
    for (const raw of fixture.events) {
      const e = { ...raw, at: new Date(raw.at) };
      expect(eventHash(e.prevHash, e), `event ${e.workspaceId}#${e.seq}`).toBe(e.hash);
      expect(e.prevHash).toBe(prevByWorkspace.get(e.workspaceId) ?? GENESIS_HASH);
      prevByWorkspace.set(e.workspaceId, e.hash);
    }
    // The fixture holds the awkward cases, not only the demo's plain ones.
    const tricky = fixture.events.find((e) => e.action === "test.hash");
    expect(tricky?.data).toMatchObject({ n: 1e21, nan: null, inf: null, when: "1970-01-01T00:00:00.000Z" });
  });

  it("gives the same bytes as both old canonical JSONs over 20,000 random JSON values", () => {
    for (let seed = 1; seed <= 20_000; seed++) {
      const value = randomValue(rng(seed), 0);
      const expected = legacyPromptsCanonicalJson(value);
      const actual = canonicalJson(value);
      if (actual !== expected || legacyAuditCanonicalJson(value) !== expected) {
        expect.fail(`seed ${seed}: ${JSON.stringify(value)}\n new ${actual}\n old ${expected}\n audit ${legacyAuditCanonicalJson(value)}`);
      }
      // jsonb round trip (what a later read gives back) canonicalises the same.
      expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(actual);
    }
  });

  it("gives the same SHA-256 as the hand-written one, at every padding boundary", () => {
    const r = rng(42);
    const texts = ["", "abc", "a".repeat(55), "b".repeat(56), "c".repeat(63), "d".repeat(64), "e".repeat(119), "ünïcødé 🙂 中文", "x".repeat(100_000)];
    for (let i = 0; i < 300; i++) texts.push(String(randomValue(r, 9)).repeat(1 + Math.floor(r() * 40)));
    for (const t of texts) expect(sha256Hex(t)).toBe(legacySha256Hex(t));
    expect(sha256Hex("abc")).toBe(createHash("sha256").update("abc").digest("hex"));
  });

  it("differs only where no stored hash can exist: lone surrogates, which Postgres refuses in jsonb", async () => {
    // The old code escaped a lone surrogate; the new one refuses it. No such value was ever stored: jsonb rejects it.
    expect(legacyPromptsCanonicalJson({ s: "\ud800" })).toBe('{"s":"\\ud800"}');
    expect(() => canonicalJson({ s: "\ud800" })).toThrow(/lone UTF-16 surrogate/);
    await expect(database.db.execute(sql`select ${JSON.stringify({ s: "\ud800" })}::jsonb`)).rejects.toThrow();
  });

  it("audit chains written by the old code, restored into a database, pass verifyAuditChain after the upgrade", async () => {
    const byWorkspace = new Map<string, FixtureEvent[]>(); // (Map.groupBy needs Node 21)
    for (const e of fixture.events) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
    expect(byWorkspace.size).toBeGreaterThan(1);
    for (const [workspaceId, events] of byWorkspace) {
      const slug = `legacy-${workspaceId.slice(0, 8)}`;
      // Idempotent on a shared PostgreSQL: the ids are part of what is hashed, so a rerun finds the rows in place.
      const created = await database.db.insert(workspaces).values({ id: workspaceId, slug, name: slug }).onConflictDoNothing().returning();
      if (created.length > 0) {
        await database.db.insert(auditEvents).values(events.map(({ id: _id, ...e }) => ({ ...e, at: new Date(e.at) })));
        const last = events[events.length - 1]!;
        await database.db.insert(auditHeads).values({ workspaceId, seq: last.seq, hash: last.hash });
      }
      const ctx = { db: database.db, actor: { kind: "system" as const }, workspace: { id: workspaceId, slug, name: slug } };
      expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: events.length });
    }
  });
});
