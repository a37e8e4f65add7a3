import "server-only";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { rateLimited } from "@/lib/errors";
import { runtime, runtimeKey } from "@/lib/runtime";

/**
 * The one place rate limiters are made. In-process memory by default; with REDIS_URL set, rate-limiter-flexible's
 * Redis store, so limits are shared by every instance and survive a restart (a memory limiter stands in while
 * Redis is unreachable, so an outage of Redis never locks everyone out or lets everyone through).
 */
export interface LimiterOptions {
  /** Namespaces the keys: "signin-pair", "api-key"... */
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
  blockDuration?: number;
  /** Tests: a Redis URL to use instead of REDIS_URL ("" forces memory). */
  redisUrl?: string;
}

const REDIS = runtimeKey<Map<string, Redis>>("rate-limit.redis");

function redisClient(url: string): Redis {
  const clients = runtime.get(REDIS, () => new Map<string, Redis>());
  let client = clients.get(url);
  if (!client) {
    // Fail fast while Redis is down (the insurance limiter answers), reconnect in the background.
    client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    client.on("error", () => {}); // reconnects by itself; never log the URL (it may hold a password)
    clients.set(url, client);
  }
  return client;
}

export function createRateLimiter(opts: LimiterOptions): RateLimiterAbstract {
  const { redisUrl, ...limits } = opts;
  const url = redisUrl ?? getEnv().REDIS_URL;
  const memory = new RateLimiterMemory(limits);
  if (!url) return memory;
  return new RateLimiterRedis({ ...limits, storeClient: redisClient(url), insuranceLimiter: memory });
}

/** Closes the Redis connections this process opened (server shutdown, tests). */
export async function closeRateLimitStores(): Promise<void> {
  const clients = runtime.peek(REDIS);
  if (!clients) return;
  await Promise.all([...clients.values()].map((c) => c.quit().catch(() => c.disconnect())));
  clients.clear();
}

/** Seconds until `res` allows again, at least 1. */
export const retryAfterSeconds = (res: { msBeforeNext: number }) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consumes one point, or throws rate_limited ("Too many <what>. Try again in N seconds.") with Retry-After. */
export async function consumeOrThrow(limiter: RateLimiterAbstract, key: string, what: string, points = 1): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw tooMany(what, retryAfterSeconds(e));
    throw e;
  }
}

export function tooMany(what: string, secs: number) {
  return rateLimited(`Too many ${what}. Try again in ${secs} second${secs === 1 ? "" : "s"}.`, secs);
}

const API_KEY_LIMITER = runtimeKey<{ limiter: RateLimiterAbstract | null }>("rate-limit.api-key");

/**
 * The per-API-key limiter every /api/v1 request passes (the hot serving path and Next's routes alike):
 * PROMPTYARD_API_RATE_LIMIT requests a minute per key, shared by instances through Redis when REDIS_URL is set.
 */
export function apiKeyLimiter(): RateLimiterAbstract | null {
  return runtime.get(API_KEY_LIMITER, () => {
    const perMinute = getEnv().PROMPTYARD_API_RATE_LIMIT;
    return { limiter: perMinute > 0 ? createRateLimiter({ keyPrefix: "api-key", points: perMinute, duration: 60 }) : null };
  }).limiter;
}

/** Replaces the per-key limiter (tests: a small limit; null: none). */
export function setApiKeyLimiter(limiter: RateLimiterAbstract | null): void {
  runtime.set(API_KEY_LIMITER, { limiter });
}

/** One request by this key, or 429 with Retry-After. */
export async function consumeApiKeyRequest(keyId: string): Promise<void> {
  const limiter = apiKeyLimiter();
  if (limiter) await consumeOrThrow(limiter, keyId, "requests with this API key");
}
