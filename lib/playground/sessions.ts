import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { playgroundSessions } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { invalidInput, notFound } from "@/lib/errors";
import { getPromptInWorkspace } from "@/lib/prompts";

const Source = z.union([
  z.object({ kind: z.literal("version"), version: z.number().int().min(1) }),
  z.object({ kind: z.literal("label"), label: z.string().max(36) }),
  z.object({ kind: z.literal("draft") }),
]);

/** What the playground keeps: its columns (source, model, params) and the variables form. Outputs are runs. */
export const PlaygroundState = z.object({
  columns: z
    .array(
      z.object({
        id: z.string().max(40),
        source: Source,
        model: z.string().max(200),
        params: z.object({ temperature: z.number().min(0).max(2).optional(), maxTokens: z.number().int().min(1).max(1_000_000).optional() }).default({}),
        /** The column's last run, shown again when the playground is reopened. */
        runId: z.uuid().optional(),
      }),
    )
    .min(1)
    .max(6, "At most 6 columns."),
  variables: z.record(z.string().max(100), z.string().max(100_000)).default({}),
});
export type PlaygroundState = z.infer<typeof PlaygroundState>;

/** Saves the caller's playground for a prompt (one row per user and prompt, updated in place). */
export async function savePlaygroundSession({ ctx, input }: { ctx: WorkspaceCtx; input: { prompt: string; state: unknown } }) {
  authorize(ctx, "runs:create");
  if (ctx.actor.kind !== "user") throw invalidInput("Playground sessions belong to signed-in members.");
  const state = PlaygroundState.parse(input.state);
  if (JSON.stringify(state).length > 512 * 1024) throw invalidInput("The playground state is larger than 512 KiB.");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.prompt);
  const where = and(eq(playgroundSessions.workspaceId, ctx.workspace.id), eq(playgroundSessions.userId, ctx.actor.userId), eq(playgroundSessions.promptId, prompt.id));
  const [existing] = await ctx.db.select({ id: playgroundSessions.id }).from(playgroundSessions).where(where);
  if (existing) {
    await ctx.db.update(playgroundSessions).set({ state, updatedAt: new Date() }).where(eq(playgroundSessions.id, existing.id));
    return { id: existing.id };
  }
  const [row] = await ctx.db.insert(playgroundSessions).values({ workspaceId: ctx.workspace.id, userId: ctx.actor.userId, promptId: prompt.id, state }).returning({ id: playgroundSessions.id });
  return { id: row!.id };
}

/** A session by id (shared links: any member of the workspace can open it), or the caller's own latest for the prompt. */
export async function loadPlaygroundSession({ ctx, input }: { ctx: WorkspaceCtx; input: { prompt: string; id?: string } }) {
  authorize(ctx, "prompts:read");
  const prompt = await getPromptInWorkspace(ctx.db, ctx.workspace.id, input.prompt);
  const byId = input.id && /^[0-9a-f-]{36}$/i.test(input.id) ? eq(playgroundSessions.id, input.id) : undefined;
  if (input.id && !byId) throw notFound("Playground session");
  const [row] = await ctx.db
    .select()
    .from(playgroundSessions)
    .where(
      and(
        eq(playgroundSessions.workspaceId, ctx.workspace.id),
        eq(playgroundSessions.promptId, prompt.id),
        byId ?? (ctx.actor.kind === "user" ? eq(playgroundSessions.userId, ctx.actor.userId) : undefined),
      ),
    )
    .orderBy(desc(playgroundSessions.updatedAt))
    .limit(1);
  if (input.id && !row) throw notFound("Playground session");
  if (!row) return null;
  const parsed = PlaygroundState.safeParse(row.state);
  return parsed.success ? { id: row.id, state: parsed.data, shared: ctx.actor.kind === "user" && row.userId !== ctx.actor.userId } : null;
}
