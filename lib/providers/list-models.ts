import "server-only";
import { asc, eq } from "drizzle-orm";
import { providerConnections } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { connectionApiKey } from "./internal";
import type { ProviderKind } from "./presets";
import type { Resolver } from "./ssrf";
import { probeModels } from "./test-connection";

export interface ConnectionModels {
  connection: string;
  kind: ProviderKind;
  /** False when the provider could not be asked; `message` says why. */
  ok: boolean;
  models: string[];
  message: string;
}

// Model lists change rarely; a page that offers them must not wait on every provider each time it renders.
// Keyed by connection id and its updatedAt, so editing a connection asks again. Per process: only a speed-up.
const TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; value: ConnectionModels }>();

/**
 * The models each of the workspace's connections reports (GET /models with its key, in parallel, a few seconds at
 * most each). For the playground's model choice: editors see connection names, never keys.
 */
export async function listConnectionModels({ ctx, resolver, timeoutMs = 4000 }: { ctx: WorkspaceCtx; resolver?: Resolver; timeoutMs?: number }): Promise<ConnectionModels[]> {
  authorize(ctx, "providers:read");
  const rows = await ctx.db.select().from(providerConnections).where(eq(providerConnections.workspaceId, ctx.workspace.id)).orderBy(asc(providerConnections.name));
  const now = Date.now();
  return Promise.all(
    rows.map(async (row) => {
      const key = `${row.id}:${row.updatedAt.getTime()}`;
      const hit = cache.get(key);
      if (hit && now - hit.at < TTL_MS) return hit.value;
      const probe = await probeModels(ctx, { name: row.name, kind: row.kind, baseUrl: row.baseUrl, apiKey: connectionApiKey(row) }, { resolver, timeoutMs });
      const value: ConnectionModels = { connection: row.name, kind: row.kind, ok: probe.ok, models: [...new Set(probe.models ?? [])].sort(), message: probe.message };
      if (probe.ok) cache.set(key, { at: now, value });
      return value;
    }),
  );
}
