import { canonicalJson } from "./pure/canonical-json";
import { sha256Hex } from "./sha256";

/**
 * The version hash (prompt_version.hash, served as `hash`, written to lockfiles):
 *
 *   hash = lowercase hex SHA-256 of the UTF-8 bytes of JCS({ "type": type, "content": content, "config": config })
 *
 * where JCS is RFC 8785 canonical JSON, `type` is "text" or "chat", `content` the text (a string) or the messages
 * (an array of {role, content}), and `config` the version's config object ({} when none), all exactly as
 * `GET /api/v1/prompts/{slug}` serves them. Equal iff type, content and config are equal as JSON, whatever the key
 * order. See README "Version hash" for a one-liner that recomputes it.
 *
 * Every hash stored before this module existed was made by a hand-written canonical JSON that gives the same bytes
 * for every storable value (lib/hash/__tests__/legacy-parity.test.ts proves it), so there is one form, no tag.
 */
export const VERSION_HASH_FORM = "sha256-hex(jcs({type,content,config}))";

export function hashVersion({ type, content, config }: { type: string; content: unknown; config: unknown }): string {
  return sha256Hex(canonicalJson({ type, content, config }));
}
