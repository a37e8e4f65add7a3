import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generations, providerConnections, type Generation, type NewGeneration } from "@/db/schema";
import { actorUserId, authorize, can, type WorkspaceCtx } from "@/lib/context";
import type { Action } from "@/lib/auth/permissions";
import { AppError, invalidInput, type ErrorCode } from "@/lib/errors";
import { costUsd, pricesForModels } from "@/lib/models";
import { enqueueGenerations } from "@/lib/reviews";
import { resolveLinks } from "./link";
import { GenerationRecord, MAX_GENERATIONS_PER_BATCH, type ParsedGenerationRecord } from "./schemas";

/** A caller may record generations when it may do any of these (ingestion will add its own action here). */
const RECORDING_ACTIONS: readonly Action[] = ["runs:create"];

export interface RecordGenerationsInput {
  rows: readonly GenerationRecord[];
}

export interface RecordGenerationsResult {
  /** Stored rows, with the index of the input row each came from, in input order. */
  inserted: (Generation & { index: number })[];
  /** Rows whose `id` (external id) was recorded before, or earlier in the same batch: nothing stored; `id` is the stored generation's. */
  duplicates: { index: number; externalId: string; id: string }[];
  /** Rows that failed validation or linking; the message names the field. Nothing stored for them. */
  rejected: { index: number; code: ErrorCode; message: string }[];
  /** Review items that queue sampling added for the new rows. */
  reviewItemsAdded: number;
}

/**
 * THE writer of generations: runs, evals, the demo and ingestion all store model calls through it.
 *
 * For a batch of up to 1,000 rows, in a fixed number of queries whatever the batch size: validates each row (a bad
 * row is rejected with its index, the others are stored), links prompts and versions by id, (slug, version), label or
 * hash within the workspace, computes cost from the workspace's price table when a row has none, inserts with
 * ON CONFLICT DO NOTHING on (workspace, external id) so a retried batch stores nothing twice, and offers the new rows
 * to review-queue sampling once for the whole batch. Joins the caller's transaction when ctx holds one.
 */
export async function recordGenerations({ ctx, input }: { ctx: WorkspaceCtx; input: RecordGenerationsInput }): Promise<RecordGenerationsResult> {
  if (!RECORDING_ACTIONS.some((a) => can(ctx, a))) authorize(ctx, RECORDING_ACTIONS[0]!);
  if (!Array.isArray(input?.rows)) throw invalidInput("rows must be an array of generations.");
  if (input.rows.length > MAX_GENERATIONS_PER_BATCH) throw new AppError("too_large", `At most ${MAX_GENERATIONS_PER_BATCH} generations per batch; got ${input.rows.length}.`);
  const workspaceId = ctx.workspace.id;
  const result: RecordGenerationsResult = { inserted: [], duplicates: [], rejected: [], reviewItemsAdded: 0 };
  if (input.rows.length === 0) return result;

  // 1. Validate each row on its own.
  const valid: { index: number; row: ParsedGenerationRecord }[] = [];
  input.rows.forEach((raw, index) => {
    const parsed = GenerationRecord.safeParse(raw);
    if (parsed.success) valid.push({ index, row: parsed.data });
    else result.rejected.push({ index, code: "invalid_input", message: describeIssues(parsed.error) });
  });

  // 2. Link prompts and versions, check connections (each one query for the batch).
  const links = await resolveLinks(ctx.db, workspaceId, valid.map((v) => v.row));
  const connections = await connectionsOf(ctx.db, workspaceId, valid.map((v) => v.row.connectionId));
  const linked: { index: number; row: ParsedGenerationRecord; promptId: string | null; promptVersionId: string | null }[] = [];
  valid.forEach((v, i) => {
    const link = links[i]!;
    if (!link.ok) result.rejected.push({ index: v.index, code: "not_found", message: link.message });
    else if (v.row.connectionId && !connections.has(v.row.connectionId)) result.rejected.push({ index: v.index, code: "not_found", message: "connectionId: no such provider connection in this workspace." });
    else linked.push({ ...v, promptId: link.promptId, promptVersionId: link.promptVersionId });
  });

  // 3. Same external id twice in one batch: the first one counts.
  const firstByExternal = new Map<string, number>();
  const toInsert: { index: number; id: string; values: NewGeneration }[] = [];
  const sameBatch: { index: number; externalId: string; firstIndex: number }[] = [];
  const prices = await pricesForModels(ctx.db, workspaceId, linked.filter((l) => l.row.costUsd == null && l.row.inputTokens != null && l.row.outputTokens != null).map((l) => l.row.model));
  for (const l of linked) {
    const externalId = l.row.id;
    if (externalId !== undefined) {
      const first = firstByExternal.get(externalId);
      if (first !== undefined) {
        sameBatch.push({ index: l.index, externalId, firstIndex: first });
        continue;
      }
      firstByExternal.set(externalId, l.index);
    }
    const id = randomUUID();
    toInsert.push({ index: l.index, id, values: valuesOf(ctx, l, id, prices.get(l.row.model) ?? null) });
  }

  // 4. One insert; rows whose external id exists already are skipped by the unique index, not an error.
  const stored = toInsert.length
    ? await ctx.db
        .insert(generations)
        .values(toInsert.map((t) => t.values))
        .onConflictDoNothing({ target: [generations.workspaceId, generations.externalId], where: sql`external_id is not null` })
        .returning()
    : [];
  const storedById = new Map(stored.map((g) => [g.id, g]));
  const skipped = toInsert.filter((t) => !storedById.has(t.id));
  const existing = skipped.length
    ? await ctx.db
        .select({ id: generations.id, externalId: generations.externalId })
        .from(generations)
        .where(and(eq(generations.workspaceId, workspaceId), inArray(generations.externalId, skipped.map((t) => t.values.externalId!))))
    : [];
  const idByExternal = new Map(existing.map((e) => [e.externalId!, e.id]));
  const idByIndex = new Map<number, string>();
  for (const t of toInsert) {
    const g = storedById.get(t.id);
    if (g) {
      result.inserted.push({ ...g, index: t.index });
      idByIndex.set(t.index, g.id);
    } else {
      const externalId = t.values.externalId!;
      const id = idByExternal.get(externalId);
      // Not stored and not found: the row that held the id was deleted in between; report it rather than guess.
      if (id) result.duplicates.push({ index: t.index, externalId, id });
      else result.rejected.push({ index: t.index, code: "conflict", message: "id: a generation with this id was being recorded concurrently; retry." });
      if (id) idByIndex.set(t.index, id);
    }
  }
  for (const d of sameBatch) {
    const id = idByIndex.get(d.firstIndex);
    if (id) result.duplicates.push({ index: d.index, externalId: d.externalId, id });
    else result.rejected.push({ index: d.index, code: "conflict", message: `id: repeats row ${d.firstIndex} of this batch, which was not stored.` });
  }

  // 5. Review queues sample the new rows, once for the batch (never throws).
  result.reviewItemsAdded = await enqueueGenerations(ctx, stored, { connectionNames: connections });
  result.duplicates.sort((a, b) => a.index - b.index);
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}

function valuesOf(
  ctx: WorkspaceCtx,
  l: { row: ParsedGenerationRecord; promptId: string | null; promptVersionId: string | null },
  id: string,
  price: Parameters<typeof costUsd>[1],
): NewGeneration {
  const r = l.row;
  const status = r.status ?? (r.error ? "error" : "success");
  const latencyMs = r.latencyMs ?? (r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : null);
  const endedAt = r.endedAt ?? (r.startedAt && latencyMs != null ? new Date(r.startedAt.getTime() + latencyMs) : null);
  return {
    id,
    workspaceId: ctx.workspace.id,
    promptId: l.promptId,
    promptVersionId: l.promptVersionId,
    isDraft: r.isDraft ?? false,
    connectionId: r.connectionId ?? null,
    provider: r.provider ?? "unknown",
    model: r.model,
    params: r.params ?? {},
    variables: r.variables ?? {},
    input: r.input ?? null,
    output: r.output ?? null,
    inputTokens: r.inputTokens ?? null,
    outputTokens: r.outputTokens ?? null,
    costUsd: r.costUsd ?? costUsd({ inputTokens: r.inputTokens, outputTokens: r.outputTokens }, price),
    latencyMs,
    timeToFirstTokenMs: r.timeToFirstTokenMs ?? null,
    status,
    error: r.error ?? null,
    schemaValid: r.schemaValid ?? null,
    source: r.source ?? "production",
    runGroupId: r.runGroupId ?? null,
    userId: actorUserId(ctx),
    apiKeyId: ctx.actor.kind === "api_key" ? ctx.actor.keyId : null,
    externalId: r.id ?? null,
    traceId: r.traceId ?? null,
    environment: r.environment ?? r.label ?? null,
    servedHash: r.hash ?? null,
    metadata: r.metadata ?? {},
    userRef: r.userId ?? null,
    ...(r.startedAt ? { startedAt: r.startedAt } : r.createdAt ? { startedAt: r.createdAt } : {}),
    endedAt,
    ...(r.createdAt ? { createdAt: r.createdAt } : {}),
  };
}

async function connectionsOf(db: Db, workspaceId: string, ids: (string | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: providerConnections.id, name: providerConnections.name })
    .from(providerConnections)
    .where(and(eq(providerConnections.workspaceId, workspaceId), inArray(providerConnections.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function describeIssues(e: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return e.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message))
    .join("; ");
}
