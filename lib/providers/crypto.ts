import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey, resolveSecret } from "@/lib/config/secret";
import { getEnv } from "@/lib/env";

/*
 * Provider API keys at rest: AES-256-GCM under a key derived from the instance secret (purpose "provider-keys"),
 * stored as "v1:<iv>:<tag>:<ciphertext>" (base64url). The version prefix leaves room for key rotation.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

let cachedKey: Buffer | undefined;

/** 32 bytes: the HMAC-SHA256 output of deriveKey, decoded. */
export function providerKeyEncryptionKey(): Buffer {
  cachedKey ??= Buffer.from(deriveKey(resolveSecret(getEnv()), "provider-keys"), "base64url");
  return cachedKey;
}

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(
      `Could not decrypt a stored provider API key (${reason}). The instance secret (PROMPTYARD_SECRET or the data dir's secret file) may have changed since it was saved; enter the key again.`,
    );
    this.name = "SecretDecryptionError";
  }
}

export function encryptSecret(plaintext: string, key: Buffer = providerKeyEncryptionKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptSecret(stored: string, key: Buffer = providerKeyEncryptionKey()): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretDecryptionError("unknown format");
  const [, ivText, tagText, dataText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("authentication failed: wrong key or tampered data");
  }
}

/** What we keep to show a key: its last 4 characters, and only when the key is long enough that this reveals little. */
export function apiKeyHintOf(apiKey: string): string | null {
  return apiKey.length >= 12 ? apiKey.slice(-4) : null;
}

/** "••••abcd", or "••••" when no hint was kept; null when there is no key. */
export function maskedHint(hasKey: boolean, hint: string | null): string | null {
  if (!hasKey) return null;
  return `••••${hint ?? ""}`;
}
