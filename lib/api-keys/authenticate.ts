import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiKeys, workspaces, type ApiKeyScope } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { unauthorized } from "@/lib/errors";
import { hashApiKey, KEY_PREFIX } from "./internal";

const LAST_USED_RESOLUTION_MS = 60_000;

/** Bearer key -> a context scoped to the key's one workspace. Unknown, malformed or revoked keys are 401. */
export async function authenticateApiKey({ db, key }: { db: Db; key: string | null | undefined }): Promise<WorkspaceCtx & { scopes: ApiKeyScope[] }> {
  if (!key) throw unauthorized("Send an API key: Authorization: Bearer pyk_...");
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) throw unauthorized("That is not a Promptyard API key (they start with pyk_).");
  const [row] = await db
    .select({ id: apiKeys.id, scopes: apiKeys.scopes, lastUsedAt: apiKeys.lastUsedAt, wsId: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw unauthorized("This API key is invalid or has been revoked.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Coarse on purpose: one write a minute per key, not one per request.
    const now = new Date();
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  }
  return {
    db,
    actor: { kind: "api_key", keyId: row.id, scopes: row.scopes },
    workspace: { id: row.wsId, slug: row.slug, name: row.name },
    scopes: row.scopes,
  };
}

/** 403 unless the key holds `scope` (or admin). */
export function keyHasScope(scopes: readonly ApiKeyScope[], scope: ApiKeyScope): boolean {
  return scopes.includes(scope) || scopes.includes("admin");
}
