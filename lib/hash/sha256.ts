import "server-only";
import { createHash } from "node:crypto";

/** Lowercase hex SHA-256 of the UTF-8 encoding of `text` (node:crypto). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
