import "server-only";
import { and, eq } from "drizzle-orm";
import { prompts } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { invalidInput, notFound } from "@/lib/errors";
import { mintRealtimeToken, promptDocName, realtimePath, realtimeSecret } from "@/lib/realtime/token";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A short-lived token for the prompt's live draft, naming user, workspace, document and the member's role. */
export async function issueDraftToken({ ctx, input }: { ctx: WorkspaceCtx; input: { prompt: string } }) {
  authorize(ctx, "prompts:read");
  if (ctx.actor.kind !== "user" || !ctx.role) throw invalidInput("Live drafts are for signed-in members.");
  const by = UUID.test(input.prompt) ? eq(prompts.id, input.prompt) : eq(prompts.slug, input.prompt);
  const [prompt] = await ctx.db.select({ id: prompts.id }).from(prompts).where(and(eq(prompts.workspaceId, ctx.workspace.id), by));
  if (!prompt) throw notFound(`Prompt "${input.prompt}"`);
  const doc = promptDocName(prompt.id);
  const token = mintRealtimeToken({ userId: ctx.actor.userId, workspaceId: ctx.workspace.id, doc, role: ctx.role, ttlSeconds: 90 }, realtimeSecret());
  return { url: realtimePath(doc), token, role: ctx.role, doc };
}
