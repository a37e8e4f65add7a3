import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";

export async function revokeApiKey({ ctx, input }: { ctx: WorkspaceCtx; input: { id: string } }) {
  authorize(ctx, "apikeys:manage");
  const { id } = z.object({ id: z.uuid("Unknown API key.") }).parse(input);
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, ctx.workspace.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!row) throw notFound("API key");
  return row;
}
