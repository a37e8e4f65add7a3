/**
 * Short-lived realtime tokens: `<base64url(JSON payload)>.<base64url(HMAC-SHA256(payload part))>`.
 * Minted by the Next route after it checked the session and the prompt; verified by the socket server.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Role } from "@/db/schema/workspaces";
import { ROLES } from "@/db/schema/workspaces";
import { deriveKey, resolveSecret } from "@/lib/config/secret";
import { getEnv, type Env } from "@/lib/env";

export interface RealtimeTokenPayload {
  userId: string;
  workspaceId: string;
  /** "prompt:<uuid>" */
  doc: string;
  role: Role;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type RealtimeTokenFailure = "missing" | "malformed" | "bad signature" | "expired";

export class RealtimeTokenError extends Error {
  readonly reason: RealtimeTokenFailure;
  constructor(reason: RealtimeTokenFailure) {
    super(`Realtime token ${reason === "missing" ? "missing" : `rejected: ${reason}`}.`);
    this.name = "RealtimeTokenError";
    this.reason = reason;
  }
}

export interface MintInput {
  userId: string;
  workspaceId: string;
  doc: string;
  role: Role;
  ttlSeconds?: number;
}

const sign = (part: string, secret: string) => createHmac("sha256", secret).update(part).digest();

export function mintRealtimeToken({ userId, workspaceId, doc, role, ttlSeconds = 60 }: MintInput, secret: string, opts: { now?: number } = {}): string {
  const now = opts.now ?? Date.now();
  const payload: RealtimeTokenPayload = { userId, workspaceId, doc, role, exp: Math.floor(now / 1000) + ttlSeconds };
  const part = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${part}.${sign(part, secret).toString("base64url")}`;
}

/** Returns the payload, or throws RealtimeTokenError. `now` in milliseconds (tests). */
export function verifyRealtimeToken(token: string | null | undefined, secret: string, opts: { now?: number } = {}): RealtimeTokenPayload {
  if (!token) throw new RealtimeTokenError("missing");
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".") || dot === token.length - 1) throw new RealtimeTokenError("malformed");
  const part = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = sign(part, secret);
  // Length first: timingSafeEqual throws on unequal lengths, and the length of an HMAC is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new RealtimeTokenError("bad signature");
  let payload: RealtimeTokenPayload;
  try {
    payload = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as RealtimeTokenPayload;
  } catch {
    throw new RealtimeTokenError("malformed");
  }
  if (!isPayload(payload)) throw new RealtimeTokenError("malformed");
  if (payload.exp * 1000 <= (opts.now ?? Date.now())) throw new RealtimeTokenError("expired");
  return payload;
}

function isPayload(p: unknown): p is RealtimeTokenPayload {
  if (!p || typeof p !== "object") return false;
  const o = p as Record<string, unknown>;
  return (
    typeof o.userId === "string" &&
    typeof o.workspaceId === "string" &&
    typeof o.doc === "string" &&
    typeof o.exp === "number" &&
    (ROLES as readonly unknown[]).includes(o.role)
  );
}

/** The key realtime tokens are signed with: derived from the instance secret exactly as server.ts does. */
export function realtimeSecret(env: Env = getEnv()): string {
  return deriveKey(resolveSecret(env), "realtime");
}

/** Document names: one live draft per prompt. */
export const promptDocName = (promptId: string) => `prompt:${promptId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The prompt id of "prompt:<uuid>", or null for any other name. */
export function parsePromptDocName(doc: string): string | null {
  if (!doc.startsWith("prompt:")) return null;
  const id = doc.slice("prompt:".length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

export const REALTIME_PATH_PREFIX = "/realtime/";

/** Path of a document's socket; the client (WebsocketProvider) gets `<origin>/realtime` as its server URL. */
export const realtimePath = (doc: string) => `${REALTIME_PATH_PREFIX}${encodeURIComponent(doc)}`;
