import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { emit, flushEvents } from "@/lib/events";

export async function revokeApiKey({ ctx, input }: { ctx: WorkspaceCtx; input: { id: string } }) {
  authorize(ctx, "apikeys:manage");
  const { id } = z.object({ id: z.uuid("Unknown API key.") }).parse(input);
  const result = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, ctx.workspace.id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!row) throw notFound("API key");
    await appendAudit(tx, { action: "api_key.revoke", targetType: "api_key", targetId: row.id, data: { name: row.name, prefix: row.prefix } });
    await emit(tx, { type: "api_key.revoked", keyId: row.id, prefix: row.prefix });
    return { id: row.id };
  });
  await flushEvents(ctx); // committed: caches of authenticated keys drop it before we answer
  return result;
}
