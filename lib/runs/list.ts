import "server-only";
import { and, count, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generations, promptVersions, prompts, providerConnections, reviews } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { invalidInput, notFound } from "@/lib/errors";
import { getPromptInWorkspace } from "@/lib/prompts";
import { ListRunsInput } from "./schemas";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function baseQuery(db: Db) {
  return db
    .select({ generation: generations, promptSlug: prompts.slug, versionNumber: promptVersions.number, connectionName: providerConnections.name })
    .from(generations)
    .leftJoin(prompts, eq(prompts.id, generations.promptId))
    .leftJoin(promptVersions, eq(promptVersions.id, generations.promptVersionId))
    .leftJoin(providerConnections, eq(providerConnections.id, generations.connectionId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof baseQuery>["where"]>>[number];
const flatten = (r: Joined) => ({ ...r.generation, promptSlug: r.promptSlug, versionNumber: r.versionNumber, connectionName: r.connectionName });
export type RunRow = ReturnType<typeof flatten>;

// Cursor: "<createdAt ISO>|<id>" of the last row, base64url. Ties on createdAt are broken by id.
const encodeCursor = (r: RunRow) => Buffer.from(`${r.createdAt.toISOString()}|${r.id}`).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || !UUID_RE.test(id) || Number.isNaN(date.getTime())) throw invalidInput("cursor is not a cursor from a previous page.");
  return { at: date, id };
}

/** Runs of the workspace (optionally of one prompt), newest first, with their version number. */
export async function listRuns({ ctx, input }: { ctx: WorkspaceCtx; input: ListRunsInput }): Promise<{ runs: (RunRow & { thumbsUp: number; thumbsDown: number })[]; nextCursor: string | null }> {
  authorize(ctx, "runs:read");
  const data = ListRunsInput.parse(input);
  const where: (SQL | undefined)[] = [eq(generations.workspaceId, ctx.workspace.id)];
  if (data.promptSlug) where.push(eq(generations.promptId, (await getPromptInWorkspace(ctx.db, ctx.workspace.id, data.promptSlug)).id));
  if (data.cursor) {
    const c = decodeCursor(data.cursor);
    where.push(or(lt(generations.createdAt, c.at), and(eq(generations.createdAt, c.at), lt(generations.id, c.id))));
  }
  const rows = (
    await baseQuery(ctx.db)
      .where(and(...where))
      .orderBy(desc(generations.createdAt), desc(generations.id))
      .limit(data.limit + 1)
  ).map(flatten);
  const page = rows.slice(0, data.limit);
  const votes = await thumbsFor(ctx.db, page.map((r) => r.id));
  return {
    runs: page.map((r) => ({ ...r, thumbsUp: votes.get(r.id)?.up ?? 0, thumbsDown: votes.get(r.id)?.down ?? 0 })),
    nextCursor: rows.length > data.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** Thumbs up/down counts per generation, for one page of runs. */
async function thumbsFor(db: Db, ids: string[]) {
  const out = new Map<string, { up: number; down: number }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ id: reviews.generationId, verdict: reviews.verdict, n: count() })
    .from(reviews)
    .where(and(inArray(reviews.generationId, ids), inArray(reviews.verdict, ["up", "down"])))
    .groupBy(reviews.generationId, reviews.verdict);
  for (const r of rows) {
    const v = out.get(r.id) ?? { up: 0, down: 0 };
    v[r.verdict as "up" | "down"] = Number(r.n);
    out.set(r.id, v);
  }
  return out;
}

/** One run of the workspace (404 for another workspace's), with the caller's own playground verdict. */
export async function getRun({ ctx, input }: { ctx: WorkspaceCtx; input: { id: string } }): Promise<RunRow & { myVerdict: string | null }> {
  authorize(ctx, "runs:read");
  if (!UUID_RE.test(input.id)) throw notFound("Run");
  const [row] = await baseQuery(ctx.db).where(and(eq(generations.workspaceId, ctx.workspace.id), eq(generations.id, input.id)));
  if (!row) throw notFound("Run");
  let myVerdict: string | null = null;
  if (ctx.actor.kind === "user") {
    const [r] = await ctx.db
      .select({ verdict: reviews.verdict })
      .from(reviews)
      .where(and(eq(reviews.generationId, input.id), eq(reviews.reviewerId, ctx.actor.userId), eq(reviews.source, "playground")));
    myVerdict = r?.verdict ?? null;
  }
  return { ...flatten(row), myVerdict };
}
