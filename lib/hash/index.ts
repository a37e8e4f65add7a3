/**
 * One canonical hash for Promptyard: RFC 8785 canonical JSON (`canonicalize` package) and node:crypto SHA-256.
 * Version hashes (version-hash.ts) and the audit hash chain (lib/audit) are both built from these two functions.
 * Client components import "@/lib/hash/pure" (no Node APIs) instead.
 */
export { canonicalJson, toJsonValue } from "./pure/canonical-json";
export { sha256Hex } from "./sha256";
export { hashVersion, VERSION_HASH_FORM } from "./version-hash";
