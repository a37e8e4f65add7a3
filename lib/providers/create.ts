import "server-only";
import { providerConnections } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { actorUserId, authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { conflict, invalidInput, isUniqueViolation } from "@/lib/errors";
import { apiKeyHintOf, encryptSecret } from "./crypto";
import { loadModelSettings, normalizeBaseUrl, presentConnection, type ConnectionView } from "./internal";
import { KEY_REQUIRED, PROVIDER_KIND_LABELS } from "./presets";
import { CreateProviderInput } from "./schemas";
import { assertBaseUrl, type Resolver } from "./ssrf";

/** Saves a connection; the key is encrypted before it reaches the database and never comes back out of this module. */
export async function createProvider({ ctx, input, resolver }: { ctx: WorkspaceCtx; input: CreateProviderInput; resolver?: Resolver }): Promise<ConnectionView> {
  authorize(ctx, "providers:manage");
  const data = CreateProviderInput.parse(input);
  if (data.kind === "openai-compatible" && !data.baseUrl) {
    throw invalidInput("baseUrl is required for an OpenAI-compatible connection (for example http://localhost:11434/v1 for Ollama).");
  }
  if (KEY_REQUIRED[data.kind] && !data.apiKey) throw invalidInput(`apiKey is required for ${PROVIDER_KIND_LABELS[data.kind]} connections.`);
  let baseUrl: string | null = null;
  if (data.baseUrl) {
    const { allowPrivateEndpoints } = await loadModelSettings(ctx.db, ctx.workspace.id);
    await assertBaseUrl(data.baseUrl, { allowPrivate: allowPrivateEndpoints, resolver });
    baseUrl = normalizeBaseUrl(data.baseUrl);
  }
  try {
    return await inTransaction(ctx, async (tx) => {
      const [row] = await tx.db
        .insert(providerConnections)
        .values({
          workspaceId: ctx.workspace.id,
          name: data.name,
          kind: data.kind,
          baseUrl,
          apiKeyEncrypted: data.apiKey ? encryptSecret(data.apiKey) : null,
          apiKeyHint: data.apiKey ? apiKeyHintOf(data.apiKey) : null,
          createdBy: actorUserId(ctx),
        })
        .returning();
      // Never the key, not even its hint.
      await appendAudit(tx, { action: "provider.create", targetType: "provider_connection", targetId: row!.id, data: { name: row!.name, kind: row!.kind, baseUrl, hasApiKey: Boolean(data.apiKey) } });
      return presentConnection(row!);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`A connection named "${data.name}" already exists in this workspace.`);
    throw e;
  }
}
