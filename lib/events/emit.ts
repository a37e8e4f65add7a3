import "server-only";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { eventOutbox } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { parseEventPayload, type EventInput } from "./types";

/**
 * Records a domain event in the outbox, inside the transaction of the mutation it describes (ctx.db is that
 * transaction, as for appendAudit): it commits with the mutation or not at all. Subscribers see it only after
 * the outermost transaction commits, through the dispatcher (lib/events/dispatcher.ts).
 *
 * The workspace is ctx's, so an event can never name another workspace. The verb that owns the transaction
 * calls `await flushEvents(ctx)` once it has committed, so subscribers (the serving cache) have run before it
 * answers; see lib/events/process.ts.
 */
export async function emit(ctx: Pick<WorkspaceCtx, "db" | "workspace" | "actor">, event: EventInput): Promise<{ id: number }> {
  if (!is(ctx.db, PgTransaction)) throw new Error("emit must run inside the transaction of the mutation it records (use inTransaction).");
  const { type, ...fields } = event;
  const payload = parseEventPayload(type, fields);
  const [row] = await ctx.db
    .insert(eventOutbox)
    .values({
      workspaceId: ctx.workspace.id,
      type,
      payload,
      actorType: ctx.actor.kind,
      actorId: ctx.actor.kind === "user" ? ctx.actor.userId : ctx.actor.kind === "api_key" ? ctx.actor.keyId : null,
    })
    .returning({ id: eventOutbox.id });
  return { id: row!.id };
}
