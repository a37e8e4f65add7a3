import "server-only";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import { auditEvents, auditHeads } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { exportLine } from "./internal";

const PAGE_SIZE = 1000;

/**
 * The workspace's log as JSON Lines, oldest first: one canonical JSON object per line (each string ends in "\n"),
 * with prevHash and hash, so anyone can recompute the chain:
 * hash = sha256_hex(prevHash + canonical_json({workspaceId, seq, at, actorType, actorId, actorLabel, action, targetType, targetId, data})).
 * Authorizes at once (before the first line is asked for); streams in pages.
 */
export function exportAuditJsonl(ctx: WorkspaceCtx, opts: { pageSize?: number } = {}): AsyncGenerator<string, void, undefined> {
  authorize(ctx, "audit:read");
  return lines(ctx, Math.max(1, opts.pageSize ?? PAGE_SIZE));
}

async function* lines(ctx: WorkspaceCtx, pageSize: number): AsyncGenerator<string, void, undefined> {
  const workspaceId = ctx.workspace.id;
  // Up to the head as it is now: every event at or below it is committed, and rows never change, so the pages agree.
  const [head] = await ctx.db.select({ seq: auditHeads.seq }).from(auditHeads).where(eq(auditHeads.workspaceId, workspaceId));
  if (!head) return;
  let after: number | null = null;
  for (;;) {
    const page = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspaceId), lte(auditEvents.seq, head.seq), after === null ? undefined : gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    for (const e of page) yield exportLine(e) + "\n";
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}
