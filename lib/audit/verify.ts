import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { auditEvents, auditHeads, type AuditEvent } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { eventHash, GENESIS_HASH, inSnapshot } from "./internal";

export interface AuditVerifyResult {
  ok: boolean;
  /** Events that verified (all of them when ok; up to the first break otherwise). */
  events: number;
  /** The first event that no longer verifies: after a gap, the event right after it; for a cut tail, the last one left. */
  firstBrokenEventId?: number;
  /** What is wrong, for a person: "event 12 was modified". */
  reason?: string;
}

const PAGE_SIZE = 1000;

/**
 * Recomputes the workspace's chain from the first event: every hash, every prev_hash link, seq continuity (a gap is
 * a deleted row) and, at the end, the head (a deleted tail). Streams the events in pages; one consistent snapshot.
 */
export async function verifyAuditChain(ctx: WorkspaceCtx, opts: { pageSize?: number } = {}): Promise<AuditVerifyResult> {
  authorize(ctx, "audit:read");
  const pageSize = Math.max(1, opts.pageSize ?? PAGE_SIZE);
  const workspaceId = ctx.workspace.id;
  return inSnapshot(ctx.db, async (db) => {
    const [head] = await db.select().from(auditHeads).where(eq(auditHeads.workspaceId, workspaceId));
    let prev: AuditEvent | null = null;
    let verified = 0;
    for (;;) {
      const page = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, workspaceId), prev ? gt(auditEvents.seq, prev.seq) : undefined))
        .orderBy(asc(auditEvents.seq))
        .limit(pageSize);
      for (const e of page) {
        const reason = checkEvent(e, prev, head);
        if (reason) return { ok: false, events: verified, firstBrokenEventId: e.id, reason };
        prev = e;
        verified++;
      }
      if (page.length < pageSize) break;
    }
    const headSeq = head?.seq ?? 0;
    if (!prev) {
      return headSeq > 0 ? { ok: false, events: 0, reason: `the newest events were removed: all ${headSeq} events are missing` } : { ok: true, events: 0 };
    }
    if (prev.seq < headSeq) {
      return {
        ok: false,
        events: verified,
        firstBrokenEventId: prev.id,
        reason: `the newest events were removed: the log ends at event ${prev.seq}, its head records event ${headSeq}`,
      };
    }
    if (prev.hash !== head!.hash) {
      return { ok: false, events: verified - 1, firstBrokenEventId: prev.id, reason: `event ${prev.seq} was modified (it no longer matches the chain head)` };
    }
    return { ok: true, events: verified };
  });
}

function checkEvent(e: AuditEvent, prev: AuditEvent | null, head: { seq: number } | undefined): string | null {
  const expected = prev ? prev.seq + 1 : 1;
  if (e.seq > expected) return prev ? `events missing between seq ${prev.seq} and ${e.seq}` : `events missing before seq ${e.seq}`;
  if (e.seq < expected) return `event ${e.seq} has an invalid sequence number`;
  if (!head) return `the chain head is missing (event ${e.seq} has nothing to chain to)`;
  if (e.seq > head.seq) return `event ${e.seq} was added outside the audit log (the head records event ${head.seq})`;
  if (eventHash(e.prevHash, e) !== e.hash) return `event ${e.seq} was modified`;
  if (e.prevHash !== (prev?.hash ?? GENESIS_HASH)) return `event ${e.seq} no longer links to event ${e.seq - 1}: one of them was modified`;
  return null;
}
