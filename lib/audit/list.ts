import "server-only";
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { apiKeys, auditEvents, users, type AuditEvent } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { ListAuditEventsInput } from "./schemas";

export type AuditEventView = Pick<
  AuditEvent,
  "id" | "seq" | "at" | "actorType" | "actorId" | "actorLabel" | "action" | "targetType" | "targetId" | "data" | "hash"
> & {
  /** Who acted, as known now: the user's name, the key's name, "System"; the recorded label when gone. */
  actorName: string;
};

/** The workspace's events, newest first, `limit` (max 200) at a time; pass `nextCursor` back for the next page. */
export async function listAuditEvents(ctx: WorkspaceCtx, input: ListAuditEventsInput = {}): Promise<{ events: AuditEventView[]; nextCursor: number | null }> {
  authorize(ctx, "audit:read");
  const f = ListAuditEventsInput.parse(input);
  const where: (SQL | undefined)[] = [eq(auditEvents.workspaceId, ctx.workspace.id)];
  if (f.action) where.push(eq(auditEvents.action, f.action));
  if (f.actorId) where.push(eq(auditEvents.actorId, f.actorId));
  if (f.targetType) where.push(eq(auditEvents.targetType, f.targetType));
  if (f.from) where.push(gte(auditEvents.at, f.from));
  if (f.to) where.push(lt(auditEvents.at, f.to));
  if (f.cursor) where.push(lt(auditEvents.seq, f.cursor));

  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      seq: auditEvents.seq,
      at: auditEvents.at,
      actorType: auditEvents.actorType,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      data: auditEvents.data,
      hash: auditEvents.hash,
      userName: users.name,
      keyName: apiKeys.name,
    })
    .from(auditEvents)
    // actor_id is text (user ids and key ids are uuids, the system has none).
    .leftJoin(users, and(eq(auditEvents.actorType, "user"), sql`${users.id}::text = ${auditEvents.actorId}`))
    .leftJoin(
      apiKeys,
      and(eq(auditEvents.actorType, "api_key"), sql`${apiKeys.id}::text = ${auditEvents.actorId}`, eq(apiKeys.workspaceId, auditEvents.workspaceId)),
    )
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(f.limit + 1);

  const more = rows.length > f.limit;
  const events = rows.slice(0, f.limit).map(({ userName, keyName, ...e }) => ({
    ...e,
    actorName: e.actorType === "system" ? "System" : (userName ?? keyName ?? e.actorLabel ?? "Unknown"),
  }));
  return { events, nextCursor: more ? events[events.length - 1]!.seq : null };
}

/** The actions that occur in this workspace's log, for the filter. */
export async function listAuditActions(ctx: WorkspaceCtx): Promise<string[]> {
  authorize(ctx, "audit:read");
  const rows = await ctx.db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, ctx.workspace.id))
    .orderBy(asc(auditEvents.action));
  return rows.map((r) => r.action);
}
