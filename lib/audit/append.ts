import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, auditEvents, auditHeads, users, type AuditEvent } from "@/db/schema";
import type { Actor, WorkspaceCtx } from "@/lib/context";
import { toJsonValue } from "@/lib/hash";
import { actorColumns, eventHash, GENESIS_HASH, isTransaction } from "./internal";
import { AppendAuditInput } from "./schemas";

/**
 * Appends one event to the workspace's hash chain. Call it inside the transaction of the mutation it records
 * (ctx.db is that transaction), as its last write: the head row stays locked until the transaction ends, which
 * orders concurrent appends (gapless seq) and rolls the event back with the mutation.
 */
export async function appendAudit(ctx: WorkspaceCtx, event: AppendAuditInput): Promise<AuditEvent> {
  if (!isTransaction(ctx.db)) throw new Error("appendAudit must run inside the transaction of the mutation it records (use inTransaction).");
  const e = AppendAuditInput.parse(event);
  const { db } = ctx;
  const workspaceId = ctx.workspace.id;
  const { actorType, actorId } = actorColumns(ctx.actor);
  const actorLabel = await actorLabelOf(db, ctx.actor, workspaceId); // before taking the lock: keep it short
  // Store exactly what is hashed: the JSON form (Dates as strings, undefined dropped, NaN as null), which jsonb
  // returns unchanged.
  const data = toJsonValue(e.data ?? {}) as Record<string, unknown>;

  await db.insert(auditHeads).values({ workspaceId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.workspaceId, workspaceId)).for("update");
  const fields = {
    workspaceId,
    seq: head!.seq + 1,
    at: new Date(), // ms precision, as stored (timestamp(3))
    actorType,
    actorId,
    actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    data,
  };
  const hash = eventHash(head!.hash, fields);
  const [row] = await db
    .insert(auditEvents)
    .values({ ...fields, prevHash: head!.hash, hash })
    .returning();
  await db.update(auditHeads).set({ seq: fields.seq, hash }).where(eq(auditHeads.workspaceId, workspaceId));
  return row!;
}

/** Who acted, as they were known then (names change, accounts go): a user's email, a key's name. */
async function actorLabelOf(db: Db, actor: Actor, workspaceId: string): Promise<string | null> {
  switch (actor.kind) {
    case "user": {
      const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
      return u?.email ?? null;
    }
    case "api_key": {
      const [k] = await db
        .select({ name: apiKeys.name })
        .from(apiKeys)
        .where(and(eq(apiKeys.id, actor.keyId), eq(apiKeys.workspaceId, workspaceId)));
      return k?.name ?? null;
    }
    case "system":
      return "system";
  }
}
