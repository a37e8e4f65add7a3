import "server-only";
import { eq } from "drizzle-orm";
import { providerConnections } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, invalidInput, isUniqueViolation } from "@/lib/errors";
import { apiKeyHintOf, encryptSecret } from "./crypto";
import { getConnectionByName, loadModelSettings, normalizeBaseUrl, presentConnection, type ConnectionView } from "./internal";
import { KEY_REQUIRED, PROVIDER_KIND_LABELS } from "./presets";
import { UpdateProviderInput } from "./schemas";
import { assertBaseUrl, type Resolver } from "./ssrf";

/**
 * Renames, re-points or re-keys a connection. Moving a keyed connection to another base URL requires the key again:
 * otherwise whoever can edit the URL could send the stored key to a server they control.
 */
export async function updateProvider({ ctx, input, resolver }: { ctx: WorkspaceCtx; input: UpdateProviderInput; resolver?: Resolver }): Promise<ConnectionView> {
  authorize(ctx, "providers:manage");
  const data = UpdateProviderInput.parse(input);
  const current = await getConnectionByName(ctx.db, ctx.workspace.id, data.name);
  const changes: Record<string, unknown> = {};
  const values: Partial<typeof providerConnections.$inferInsert> = {};

  if (data.baseUrl !== undefined) {
    const next = data.baseUrl === null ? null : normalizeBaseUrl(data.baseUrl);
    if (next !== current.baseUrl) {
      if (next === null && current.kind === "openai-compatible") throw invalidInput("baseUrl is required for an OpenAI-compatible connection.");
      if (current.apiKeyEncrypted && data.apiKey === undefined) {
        throw invalidInput(`Changing the base URL of connection ${current.name} requires entering its API key again (a stored key is never sent to a new address without it).`);
      }
      if (next !== null) {
        const { allowPrivateEndpoints } = await loadModelSettings(ctx.db, ctx.workspace.id);
        await assertBaseUrl(next, { allowPrivate: allowPrivateEndpoints, resolver });
      }
      values.baseUrl = next;
      changes.baseUrl = next;
    }
  }
  if (data.apiKey !== undefined) {
    if (data.apiKey === null && KEY_REQUIRED[current.kind]) throw invalidInput(`${PROVIDER_KIND_LABELS[current.kind]} connections need an API key; enter a new one instead of removing it.`);
    values.apiKeyEncrypted = data.apiKey === null ? null : encryptSecret(data.apiKey);
    values.apiKeyHint = data.apiKey === null ? null : apiKeyHintOf(data.apiKey);
    changes.apiKey = data.apiKey === null ? "removed" : "replaced";
  }
  if (data.rename !== undefined && data.rename !== current.name) {
    values.name = data.rename;
    changes.name = { from: current.name, to: data.rename };
  }
  if (Object.keys(values).length === 0) return presentConnection(current);

  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .update(providerConnections)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(providerConnections.id, current.id))
        .returning();
      await appendAudit(tx, { action: "provider.update", targetType: "provider_connection", targetId: current.id, data: { name: row!.name, changes } });
      return presentConnection(row!);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`A connection named "${data.rename}" already exists in this workspace.`);
    throw e;
  }
}
