/**
 * `promptyard.lock.json`: what `promptyard pull` wrote, served with zero network after checking each hash.
 * Fetch-free and Node-free (WebCrypto's SHA-256), so lockfile mode works in edge runtimes too.
 */
import { canonicalJson } from "../lib/hash/pure/canonical-json";

export const LOCKFILE_NAME = "promptyard.lock.json";
export const LOCKFILE_VERSION = 1;

export type PromptContent = string | { role: "system" | "user" | "assistant"; content: string }[];

export interface LockEntry {
  version: number;
  semver: string;
  hash: string;
  /** The label it was pulled from (null: pinned by version number). */
  label: string | null;
  type: "text" | "chat";
  content: PromptContent;
  config: Record<string, unknown>;
  variables: string[];
}

export interface Lockfile {
  lockfileVersion: number;
  /** Where it was pulled from (informational). */
  server?: string;
  pulledAt?: string;
  prompts: Record<string, LockEntry>;
}

/** A lockfile entry whose content does not hash to its recorded hash (edited by hand, or corrupted). */
export class LockfileIntegrityError extends Error {
  constructor(readonly slug: string, expected: string, actual: string) {
    super(`promptyard.lock.json: the entry for "${slug}" was modified: its content hashes to ${actual.slice(0, 12)}…, not the recorded ${expected.slice(0, 12)}…. Run \`promptyard pull ${slug}\` again.`);
    this.name = "LockfileIntegrityError";
  }
}

/** The version hash (README "Version hash"): SHA-256 of JCS({type, content, config}), lowercase hex. */
export async function versionHash(v: { type: string; content: unknown; config: unknown }): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson({ type: v.type, content: v.content, config: v.config ?? {} }));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Throws LockfileIntegrityError unless the entry's content is what its hash says. */
export async function verifyEntry(slug: string, entry: LockEntry): Promise<void> {
  const actual = await versionHash(entry);
  if (actual !== entry.hash) throw new LockfileIntegrityError(slug, entry.hash, actual);
}

/** Checks the shape of a parsed lockfile (a broken file is refused as a whole, naming what is wrong). */
export function parseLockfile(value: unknown): Lockfile {
  const v = value as Lockfile | null;
  if (!v || typeof v !== "object" || typeof v.prompts !== "object" || v.prompts === null) throw new Error("promptyard.lock.json: expected an object with a `prompts` map.");
  if (v.lockfileVersion !== LOCKFILE_VERSION) throw new Error(`promptyard.lock.json: lockfileVersion ${String(v.lockfileVersion)} is not supported (expected ${LOCKFILE_VERSION}).`);
  for (const [slug, e] of Object.entries(v.prompts)) {
    if (!e || typeof e.hash !== "string" || typeof e.version !== "number" || (e.type !== "text" && e.type !== "chat")) throw new Error(`promptyard.lock.json: the entry for "${slug}" is incomplete (version, hash and type are required).`);
  }
  return v;
}

/** Serialises a lockfile with slugs sorted, so a pull that changed nothing leaves the file byte-identical. */
export function formatLockfile(lock: Lockfile): string {
  const prompts = Object.fromEntries(Object.keys(lock.prompts).sort().map((k) => [k, lock.prompts[k]!]));
  return `${JSON.stringify({ ...lock, prompts }, null, 2)}\n`;
}
