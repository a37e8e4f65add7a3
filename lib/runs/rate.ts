import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { generations, reviews } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { forbidden, notFound } from "@/lib/errors";
import { RateGenerationInput } from "./schemas";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thumbs up/down on a run from the playground: one verdict per person and run; null takes it back. */
export async function rateGeneration({ ctx, input }: { ctx: WorkspaceCtx; input: RateGenerationInput }): Promise<{ generationId: string; verdict: "up" | "down" | null }> {
  authorize(ctx, "reviews:write");
  const data = RateGenerationInput.parse(input);
  if (ctx.actor.kind !== "user") throw forbidden("Only a signed-in member can rate outputs: a verdict belongs to a person.");
  const reviewerId = ctx.actor.userId;
  if (!UUID_RE.test(data.generationId)) throw notFound("Run");
  const [gen] = await ctx.db
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.id, data.generationId), eq(generations.workspaceId, ctx.workspace.id)));
  if (!gen) throw notFound("Run");
  const mine = and(eq(reviews.generationId, gen.id), eq(reviews.reviewerId, reviewerId), eq(reviews.source, "playground"));
  if (data.verdict === null) {
    await ctx.db.delete(reviews).where(mine);
    return { generationId: gen.id, verdict: null };
  }
  const now = new Date();
  await ctx.db
    .insert(reviews)
    .values({ workspaceId: ctx.workspace.id, generationId: gen.id, reviewerId, verdict: data.verdict, source: "playground" })
    .onConflictDoUpdate({ target: [reviews.generationId, reviews.reviewerId, reviews.source], targetWhere: sql`item_id is null`, set: { verdict: data.verdict, updatedAt: now } });
  return { generationId: gen.id, verdict: data.verdict };
}
