import "server-only";
import { apiKeys } from "@/db/schema";
import { actorUserId, authorize, type WorkspaceCtx } from "@/lib/context";
import { displayPrefix, generateApiKey, hashApiKey } from "./internal";
import { CreateApiKeyInput } from "./schemas";

/** Returns the plaintext key once; only its hash is stored. */
export async function createApiKey({ ctx, input }: { ctx: WorkspaceCtx; input: CreateApiKeyInput }) {
  authorize(ctx, "apikeys:manage");
  const data = CreateApiKeyInput.parse(input);
  const key = generateApiKey();
  const [row] = await ctx.db
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
  return { key, apiKey: row! };
}
