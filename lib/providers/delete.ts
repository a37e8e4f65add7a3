import "server-only";
import { eq } from "drizzle-orm";
import { providerConnections } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { getConnectionByName } from "./internal";
import { ProviderNameInput } from "./schemas";

/** Removes a connection and its key. Past generations keep their model and provider; their connection link is cleared. */
export async function deleteProvider({ ctx, input }: { ctx: WorkspaceCtx; input: ProviderNameInput }): Promise<{ id: string; name: string }> {
  authorize(ctx, "providers:manage");
  const { name } = ProviderNameInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const conn = await getConnectionByName(tx.db, ctx.workspace.id, name, { lock: true });
    await tx.db.delete(providerConnections).where(eq(providerConnections.id, conn.id));
    await appendAudit(tx, { action: "provider.delete", targetType: "provider_connection", targetId: conn.id, data: { name: conn.name, kind: conn.kind } });
    return { id: conn.id, name: conn.name };
  });
}
