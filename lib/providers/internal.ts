import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { providerConnections, workspaceModelSettings, type ProviderConnection } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { decryptSecret, maskedHint } from "./crypto";
import { DEFAULT_BASE_URLS } from "./presets";

/** What the API and UI see of a connection: never the key, only "••••abcd". */
export interface ConnectionView {
  id: string;
  name: string;
  kind: ProviderConnection["kind"];
  baseUrl: string | null;
  hasApiKey: boolean;
  apiKeyHint: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function presentConnection(row: ProviderConnection): ConnectionView {
  const hasApiKey = row.apiKeyEncrypted !== null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    baseUrl: row.baseUrl,
    hasApiKey,
    apiKeyHint: maskedHint(hasApiKey, row.apiKeyHint),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Fetch-or-404 by name inside the workspace (another workspace's connection is "not found"). */
export async function getConnectionByName(db: Db, workspaceId: string, name: string, opts: { lock?: boolean } = {}): Promise<ProviderConnection> {
  const q = db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.workspaceId, workspaceId), eq(providerConnections.name, name)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw notFound(`Connection "${name}"`);
  return row;
}

export interface ModelSettings {
  allowPrivateEndpoints: boolean;
  maxConcurrentRuns: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = { allowPrivateEndpoints: false, maxConcurrentRuns: 8 };

/** The workspace's settings, or the defaults when it never saved any. No authorization: callers decide. */
export async function loadModelSettings(db: Db, workspaceId: string): Promise<ModelSettings> {
  const [row] = await db.select().from(workspaceModelSettings).where(eq(workspaceModelSettings.workspaceId, workspaceId));
  return row ? { allowPrivateEndpoints: row.allowPrivateEndpoints, maxConcurrentRuns: row.maxConcurrentRuns } : { ...DEFAULT_MODEL_SETTINGS };
}

/** "http://localhost:11434/v1/" -> "http://localhost:11434/v1": one spelling per address, so changes compare. */
export function normalizeBaseUrl(raw: string): string {
  return raw.trim().replace(/\/+$/, "");
}

/** Where requests of this connection go. */
export function effectiveBaseUrl(conn: Pick<ProviderConnection, "kind" | "baseUrl">): string {
  if (conn.baseUrl) return conn.baseUrl;
  return conn.kind === "openai-compatible" ? "" : DEFAULT_BASE_URLS[conn.kind];
}

/** The plaintext key, for the outgoing request only. Never log or return it. */
export function connectionApiKey(conn: Pick<ProviderConnection, "apiKeyEncrypted">): string | null {
  return conn.apiKeyEncrypted ? decryptSecret(conn.apiKeyEncrypted) : null;
}
