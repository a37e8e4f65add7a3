import "server-only";
import { createHash } from "node:crypto";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import type { AuditEvent } from "@/db/schema";
import type { Actor } from "@/lib/context";

/** prev_hash of every workspace's first event. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * Deterministic JSON: object keys sorted (JavaScript's default order, by UTF-16 code units) at every depth, no
 * whitespace, `undefined` (and functions) dropped from objects and `null` in arrays, Dates (anything with toJSON)
 * as their JSON form, non-finite numbers as null. Otherwise exactly JSON.stringify, so any language can recompute it.
 */
export function canonicalJson(value: unknown): string {
  const out = encode(value, new Set());
  if (out === undefined) throw new TypeError("canonicalJson: the value has no JSON form.");
  return out;
}

function encode(input: unknown, seen: Set<object>): string | undefined {
  let v = input;
  if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? JSON.stringify(v) : "null";
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      throw new TypeError("canonicalJson: BigInt has no JSON form; convert it to a string first.");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  const obj = v as object;
  if (seen.has(obj)) throw new TypeError("canonicalJson: circular structure.");
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((x) => encode(x, seen) ?? "null").join(",")}]`;
  } else {
    const rec = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(rec).sort()) {
      const s = encode(rec[key], seen);
      if (s !== undefined) parts.push(`${JSON.stringify(key)}:${s}`);
    }
    out = `{${parts.join(",")}}`;
  }
  seen.delete(obj);
  return out;
}

/** The fields an event's hash covers (everything but id, prev_hash and hash). */
export type HashedFields = Pick<AuditEvent, "workspaceId" | "seq" | "at" | "actorType" | "actorId" | "actorLabel" | "action" | "targetType" | "targetId" | "data">;

/** hash = sha256_hex(prev_hash + canonical_json({workspaceId, seq, at (ISO 8601, ms), actorType, actorId, actorLabel, action, targetType, targetId, data})) */
export function eventHash(prevHash: string, e: HashedFields): string {
  const payload = canonicalJson({
    workspaceId: e.workspaceId,
    seq: e.seq,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId ?? null,
    actorLabel: e.actorLabel ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    data: e.data,
  });
  return createHash("sha256").update(prevHash + payload, "utf8").digest("hex");
}

export function actorColumns(actor: Actor): { actorType: AuditEvent["actorType"]; actorId: string | null } {
  switch (actor.kind) {
    case "user":
      return { actorType: "user", actorId: actor.userId };
    case "api_key":
      return { actorType: "api_key", actorId: actor.keyId };
    case "system":
      return { actorType: "system", actorId: null };
  }
}

export function isTransaction(db: Db): boolean {
  return is(db, PgTransaction);
}

/**
 * Runs reads against one consistent snapshot (REPEATABLE READ, read only), so the head and the events agree even
 * while others append. Inside a caller's transaction, reads join it.
 */
export function inSnapshot<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (isTransaction(db)) return fn(db);
  return db.transaction((tx) => fn(tx), { isolationLevel: "repeatable read", accessMode: "read only" });
}

/** One line of the JSONL export: every stored column, so a third party can recompute the chain. */
export function exportLine(e: AuditEvent): string {
  return canonicalJson({
    id: e.id,
    workspaceId: e.workspaceId,
    seq: e.seq,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  });
}
