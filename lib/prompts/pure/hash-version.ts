import { canonicalJson } from "./canonical-json";
import { sha256Hex } from "./sha256";

/** Content address of a version: equal iff type, content and config are equal as JSON, whatever the key order. */
export function hashVersion({ type, content, config }: { type: string; content: unknown; config: unknown }): string {
  return sha256Hex(canonicalJson({ type, content, config }));
}
