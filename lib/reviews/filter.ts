import "server-only";
import { and, eq, gte, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generations, promptVersions, prompts, providerConnections, type Generation, type QueueFilter } from "@/db/schema";
import { invalidInput } from "@/lib/errors";

/*
 * A queue's filter: which generations it samples. Only successful, committed-version runs are reviewable (a failed run
 * has no output; a draft run has no version to compare). `models` entries match the model id ("gpt-4o-mini") or the
 * "<connection>/<model>" form the app shows.
 */

/** SQL conditions over generation (joined with provider_connection) for the filter. */
export function filterConditions(workspaceId: string, filter: QueueFilter): SQL {
  const conds: (SQL | undefined)[] = [
    eq(generations.workspaceId, workspaceId),
    eq(generations.status, "success"),
    eq(generations.isDraft, false),
    isNotNull(generations.output),
  ];
  if (filter.promptId) conds.push(eq(generations.promptId, filter.promptId));
  if (filter.versionIds?.length) conds.push(inArray(generations.promptVersionId, filter.versionIds));
  if (filter.models?.length) conds.push(or(inArray(generations.model, filter.models), inArray(sql`${providerConnections.name} || '/' || ${generations.model}`, filter.models)));
  if (filter.sources?.length) conds.push(inArray(generations.source, filter.sources as Generation["source"][]));
  if (filter.from) conds.push(gte(generations.createdAt, new Date(filter.from)));
  if (filter.to) conds.push(lte(generations.createdAt, new Date(filter.to)));
  return and(...conds)!;
}

/** The same test in memory, for one new generation (no query per queue). */
export function matchesFilter(filter: QueueFilter, g: Generation, connectionName: string | null): boolean {
  if (g.status !== "success" || g.isDraft || g.output === null) return false;
  if (filter.promptId && g.promptId !== filter.promptId) return false;
  if (filter.versionIds?.length && (!g.promptVersionId || !filter.versionIds.includes(g.promptVersionId))) return false;
  if (filter.models?.length && !filter.models.includes(g.model) && !(connectionName && filter.models.includes(`${connectionName}/${g.model}`))) return false;
  if (filter.sources?.length && !filter.sources.includes(g.source)) return false;
  if (filter.from && g.createdAt < new Date(filter.from)) return false;
  if (filter.to && g.createdAt > new Date(filter.to)) return false;
  return true;
}

/** Drops empty lists and checks the prompt and versions belong to the workspace (400 naming the field otherwise). */
export async function normaliseFilter(db: Db, workspaceId: string, filter: QueueFilter): Promise<QueueFilter> {
  const out: QueueFilter = {};
  if (filter.promptId) {
    const [p] = await db
      .select({ id: prompts.id })
      .from(prompts)
      .where(and(eq(prompts.id, filter.promptId), eq(prompts.workspaceId, workspaceId)));
    if (!p) throw invalidInput("filter.promptId: no such prompt in this workspace.");
    out.promptId = p.id;
  }
  if (filter.versionIds?.length) {
    const ids = [...new Set(filter.versionIds)];
    const rows = await db
      .select({ id: promptVersions.id, promptId: promptVersions.promptId })
      .from(promptVersions)
      .where(and(inArray(promptVersions.id, ids), eq(promptVersions.workspaceId, workspaceId)));
    if (rows.length !== ids.length) throw invalidInput("filter.versionIds: a version is not in this workspace.");
    if (out.promptId && rows.some((r) => r.promptId !== out.promptId)) throw invalidInput("filter.versionIds: every version must belong to filter.promptId.");
    out.versionIds = ids;
  }
  if (filter.models?.length) out.models = [...new Set(filter.models)];
  if (filter.sources?.length) out.sources = [...new Set(filter.sources)];
  if (filter.from) out.from = filter.from;
  if (filter.to) out.to = filter.to;
  if (out.from && out.to && out.from > out.to) throw invalidInput("filter.from must be before filter.to.");
  return out;
}

/** Generations matching the filter, newest first (for a backfill). */
export async function matchingGenerations(db: Db, workspaceId: string, filter: QueueFilter, limit: number) {
  return db
    .select({
      id: generations.id,
      promptId: generations.promptId,
      promptVersionId: generations.promptVersionId,
      model: generations.model,
      variables: generations.variables,
      createdAt: generations.createdAt,
    })
    .from(generations)
    .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId))
    .where(filterConditions(workspaceId, filter))
    .orderBy(sql`${generations.createdAt} desc`)
    .limit(limit);
}
