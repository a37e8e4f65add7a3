import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

/**
 * The instance secret. Embedded installs get one generated into the data dir on first start;
 * a server database needs it set explicitly so every instance shares it.
 */
export function resolveSecret(env: Env): string {
  if (env.PROMPTYARD_SECRET) return env.PROMPTYARD_SECRET;
  if (env.DATABASE_URL) {
    throw new Error(
      "PROMPTYARD_SECRET is required when DATABASE_URL is set (at least 32 characters; every instance must share it). Generate one with: openssl rand -base64 48",
    );
  }
  const dir = path.resolve(env.PROMPTYARD_DATA_DIR);
  const file = path.join(dir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Independent keys for each purpose, derived from the one instance secret. */
export function deriveKey(secret: string, purpose: string): string {
  return createHmac("sha256", secret).update(`promptyard:${purpose}`).digest("base64url");
}
