import "server-only";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import type { AuditEvent } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { canonicalJson, sha256Hex } from "@/lib/hash";

/** prev_hash of every workspace's first event. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields an event's hash covers (everything but id, prev_hash and hash). */
export type HashedFields = Pick<AuditEvent, "workspaceId" | "seq" | "at" | "actorType" | "actorId" | "actorLabel" | "action" | "targetType" | "targetId" | "data">;

/**
 * hash = sha256_hex(utf8(prev_hash + JCS({workspaceId, seq, at (ISO 8601, ms), actorType, actorId, actorLabel, action,
 * targetType, targetId, data}))), JCS being RFC 8785 canonical JSON (lib/hash). `data` is already in its JSON form
 * (appendAudit stores toJsonValue(data)), so what is hashed is exactly what is stored.
 */
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
  return sha256Hex(prevHash + payload);
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
