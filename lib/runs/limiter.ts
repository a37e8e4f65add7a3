import "server-only";
import { rateLimited } from "@/lib/errors";
import { runtime, runtimeKey } from "@/lib/runtime";

/**
 * Caps concurrent model calls per workspace. This implementation counts in this process only; with several app
 * instances a Redis-backed one (a counter or sorted-set semaphore with expiring leases, e.g. rate-limiter-flexible's
 * Redis store) replaces it behind the same interface, so the cap holds across instances.
 */
export interface RunLimiter {
  /**
   * Resolves with `release` once a slot is free. Waits up to `waitMs`, then rejects with 429 (Retry-After); rejects
   * with the signal's reason if the caller gives up first. Call `release` exactly once (extra calls are ignored).
   */
  acquire(key: string, max: number, opts: { waitMs: number; signal?: AbortSignal }): Promise<() => void>;
  /** Calls running now for `key` (for tests and diagnostics). */
  active(key: string): number;
}

interface Waiter {
  max: number;
  grant: () => void;
}

interface Slots {
  active: number;
  waiters: Waiter[];
}

export class InProcessRunLimiter implements RunLimiter {
  private readonly slots = new Map<string, Slots>();

  active(key: string): number {
    return this.slots.get(key)?.active ?? 0;
  }

  acquire(key: string, max: number, { waitMs, signal }: { waitMs: number; signal?: AbortSignal }): Promise<() => void> {
    const slots = this.slots.get(key) ?? { active: 0, waiters: [] };
    this.slots.set(key, slots);
    const release = this.releaser(key, slots);
    if (slots.active < max && slots.waiters.length === 0) {
      slots.active++;
      return Promise.resolve(release);
    }
    const full = () =>
      rateLimited(
        `This workspace is already running ${max} model call${max === 1 ? "" : "s"} at once, its limit; try again in a few seconds (an admin can raise the limit in Settings).`,
        Math.max(1, Math.ceil(waitMs / 1000)),
      );
    if (waitMs <= 0) return Promise.reject(full());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const leave = () => {
        const i = slots.waiters.indexOf(waiter);
        if (i >= 0) slots.waiters.splice(i, 1);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.cleanup(key, slots);
      };
      const waiter: Waiter = {
        max,
        grant: () => {
          slots.active++; // before leave(), whose cleanup must not see an idle entry
          leave();
          resolve(release);
        },
      };
      const onAbort = () => {
        leave();
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        leave();
        reject(full());
      }, waitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      slots.waiters.push(waiter);
    });
  }

  private releaser(key: string, slots: Slots): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      slots.active--;
      // FIFO: the longest waiter goes next, as soon as the cap it was given allows.
      while (slots.waiters.length > 0 && slots.active < slots.waiters[0]!.max) slots.waiters[0]!.grant();
      this.cleanup(key, slots);
    };
  }

  private cleanup(key: string, slots: Slots) {
    if (slots.active === 0 && slots.waiters.length === 0 && this.slots.get(key) === slots) this.slots.delete(key);
  }
}

const LIMITER = runtimeKey<RunLimiter>("runs.limiter");

/** The process-wide limiter (in lib/runtime's registry, so Next's bundled copy of this module shares it). */
export function getRunLimiter(): RunLimiter {
  return runtime.get(LIMITER, () => new InProcessRunLimiter());
}

export function setRunLimiter(limiter: RunLimiter): void {
  runtime.set(LIMITER, limiter);
}
