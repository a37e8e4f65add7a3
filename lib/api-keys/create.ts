import "server-only";
import { apiKeys } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { actorUserId, authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { displayPrefix, generateApiKey, hashApiKey } from "./internal";
import { CreateApiKeyInput } from "./schemas";

/** Returns the plaintext key once; only its hash is stored. */
export async function createApiKey({ ctx, input }: { ctx: WorkspaceCtx; input: CreateApiKeyInput }) {
  authorize(ctx, "apikeys:manage");
  const data = CreateApiKeyInput.parse(input);
  const key = generateApiKey();
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiKeys)
      .values({
        workspaceId: ctx.workspace.id,
        name: data.name,
        prefix: displayPrefix(key),
        hash: hashApiKey(key),
        scopes: [...new Set(data.scopes)],
        createdBy: actorUserId(ctx),
      })
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt });
    // Never the key or its hash.
    await appendAudit(tx, { action: "api_key.create", targetType: "api_key", targetId: row!.id, data: { name: row!.name, scopes: row!.scopes, prefix: row!.prefix } });
    return { key, apiKey: row! };
  });
}
