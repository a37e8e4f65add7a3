import "server-only";
import { asc, eq } from "drizzle-orm";
import { providerConnections } from "@/db/schema";
import { authorize, type WorkspaceCtx } from "@/lib/context";
import { getConnectionByName, presentConnection, type ConnectionView } from "./internal";
import { ProviderNameInput } from "./schemas";

/** The workspace's connections by name, masked. */
export async function listProviders({ ctx }: { ctx: WorkspaceCtx }): Promise<ConnectionView[]> {
  authorize(ctx, "providers:read");
  const rows = await ctx.db.select().from(providerConnections).where(eq(providerConnections.workspaceId, ctx.workspace.id)).orderBy(asc(providerConnections.name));
  return rows.map(presentConnection);
}

export async function getProvider({ ctx, input }: { ctx: WorkspaceCtx; input: ProviderNameInput }): Promise<ConnectionView> {
  authorize(ctx, "providers:read");
  const { name } = ProviderNameInput.parse(input);
  return presentConnection(await getConnectionByName(ctx.db, ctx.workspace.id, name));
}
