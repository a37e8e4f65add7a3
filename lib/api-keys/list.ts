import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";

/** Active keys, newest first. Never selects the hash. */
export async function listApiKeys({ ctx }: { ctx: WorkspaceCtx }) {
  authorize(ctx, "apikeys:read");
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      createdBy: users.name,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.workspaceId, ctx.workspace.id), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}
