import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});

import { apiKeyHintOf, decryptSecret, encryptSecret, maskedHint, SecretDecryptionError } from "@/lib/providers";
import { providerKeyEncryptionKey } from "@/lib/providers/crypto";

const KEY = "sk-test-abcdefghijklmnop1234";

describe("provider key encryption (AES-256-GCM)", () => {
  it("round-trips, in the v1:<iv>:<tag>:<ciphertext> base64url format, with a fresh IV every time", () => {
    const a = encryptSecret(KEY);
    const b = encryptSecret(KEY);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(KEY);
    expect(decryptSecret(a)).toBe(KEY);
    expect(decryptSecret(b)).toBe(KEY);
    expect(decryptSecret(encryptSecret("ünïcødé 🔑"))).toBe("ünïcødé 🔑");
  });

  it("derives a 32-byte key from the instance secret", () => {
    expect(providerKeyEncryptionKey()).toHaveLength(32);
  });

  it("refuses tampered ciphertext, tag or IV, a wrong key, and junk, with a clear error", () => {
    const stored = encryptSecret(KEY);
    const [v, iv, tag, data] = stored.split(":") as [string, string, string, string];
    const flip = (s: string) => {
      const buf = Buffer.from(s, "base64url");
      buf[0] = buf[0]! ^ 1;
      return buf.toString("base64url");
    };
    for (const tampered of [[v, iv, tag, flip(data)], [v, iv, flip(tag), data], [v, flip(iv), tag, data]].map((p) => p.join(":"))) {
      expect(() => decryptSecret(tampered)).toThrow(SecretDecryptionError);
      expect(() => decryptSecret(tampered)).toThrow(/Could not decrypt a stored provider API key \(authentication failed/);
    }
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow(/wrong key or tampered data/);
    expect(() => decryptSecret("v2:a:b:c")).toThrow(/unknown format/);
    expect(() => decryptSecret("plaintext-key")).toThrow(/unknown format/);
    expect(() => decryptSecret("v1:AAAA:BBBB:CCCC")).toThrow(/malformed/);
  });

  it("keeps only a 4-character hint, and none for short keys; shows it masked", () => {
    expect(apiKeyHintOf(KEY)).toBe("1234");
    expect(apiKeyHintOf("short-key")).toBeNull();
    expect(maskedHint(true, "1234")).toBe("••••1234");
    expect(maskedHint(true, null)).toBe("••••");
    expect(maskedHint(false, null)).toBeNull();
  });
});
