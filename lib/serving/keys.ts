import "server-only";
import type { Db } from "@/db/client";
import { authenticateApiKey, hashApiKey } from "@/lib/api-keys";
import { isAppError } from "@/lib/errors";

export type KeyCtx = Awaited<ReturnType<typeof authenticateApiKey>>;

interface KeyEntry {
  ctx: KeyCtx;
  keyId: string;
  checkedAt: number;
  revalidating: boolean;
}

/**
 * API-key checks for the hot path: key hash -> the context `authenticateApiKey` built. An `api_key.revoked` event
 * drops the key at once (the revoking request waits for it). Every `recheckMs` a hit re-authenticates in the
 * background: it keeps `last_used_at` fresh and bounds how long a key revoked on another instance keeps working.
 * Unknown keys are never cached (a key created a moment ago must work), so they always reach the database.
 */
export class KeyCache {
  private readonly byHash = new Map<string, KeyEntry>();
  private generation = 0;
  private readonly recheckMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(opts: { recheckMs?: number; maxKeys?: number; now?: () => number } = {}) {
    this.recheckMs = opts.recheckMs ?? 60_000;
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  async authenticate(db: Db, key: string | null): Promise<KeyCtx> {
    if (!key || key.length > 200) return authenticateApiKey({ db, key }); // the uncached path words the refusal
    const hash = hashApiKey(key);
    const hit = this.byHash.get(hash);
    if (hit) {
      if (!hit.revalidating && this.now() - hit.checkedAt > this.recheckMs) this.revalidate(db, key, hash, hit);
      return hit.ctx;
    }
    const generation = this.generation;
    const ctx = await authenticateApiKey({ db, key });
    // A revocation delivered while we read must win: store only when none happened meanwhile.
    if (generation === this.generation && ctx.actor.kind === "api_key") {
      if (this.byHash.size >= this.maxKeys) this.byHash.delete(this.byHash.keys().next().value!);
      this.byHash.set(hash, { ctx, keyId: ctx.actor.keyId, checkedAt: this.now(), revalidating: false });
    }
    return ctx;
  }

  private revalidate(db: Db, key: string, hash: string, entry: KeyEntry): void {
    entry.revalidating = true;
    const generation = this.generation;
    authenticateApiKey({ db, key })
      .then((ctx) => {
        if (generation !== this.generation || this.byHash.get(hash) !== entry) return;
        entry.ctx = ctx;
        entry.checkedAt = this.now();
      })
      .catch((e) => {
        if (isAppError(e) && e.code === "unauthorized") this.byHash.delete(hash);
      })
      .finally(() => {
        entry.revalidating = false;
      });
  }

  /** The key stops working on the hot path now; fills in flight are not stored. */
  evictKey(keyId: string): void {
    this.generation++;
    for (const [hash, e] of this.byHash) if (e.keyId === keyId) this.byHash.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.byHash.clear();
  }

  get size(): number {
    return this.byHash.size;
  }
}
