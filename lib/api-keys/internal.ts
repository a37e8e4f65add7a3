import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const KEY_PREFIX = "pyk_";

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString("base64url");
}

/** Keys carry 256 random bits, so a plain sha256 is a safe at-rest form (no slow hash needed). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What lists show: "pyk_AbCd1234…" */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 8);
}
