import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { consumeOrThrow, createRateLimiter, retryAfterSeconds, tooMany } from "@/lib/rate-limit";
import { runtime, runtimeKey } from "@/lib/runtime";

/**
 * Sign-in and sign-up throttling.
 * - Per address (the one server.ts resolved: X-Forwarded-For only from TRUSTED_PROXIES): 30 attempts a minute,
 *   whatever the account, so one address can't spray passwords across accounts.
 * - Per account AND address: the first FREE_FAILURES wrong passwords cost nothing; each further one adds a
 *   delay that doubles (1 s, 2 s, 4 s ... up to 15 min) before that pair may try again. An attacker elsewhere
 *   therefore never locks the real owner out, and a guesser slows down exponentially.
 * A successful sign-in clears the pair. With REDIS_URL set the counters live in Redis (shared, survive restarts).
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 15 * 60;

interface Limiters {
  perIp: RateLimiterAbstract;
  failures: RateLimiterAbstract;
  delay: RateLimiterAbstract;
  signUps: RateLimiterAbstract;
}

function make(redisUrl?: string): Limiters {
  return {
    perIp: createRateLimiter({ keyPrefix: "signin-ip", points: 30, duration: 60, redisUrl }),
    // Failures per pair within 15 minutes: its count sets the next delay.
    failures: createRateLimiter({ keyPrefix: "signin-fail", points: 1_000_000, duration: MAX_DELAY_SECONDS, redisUrl }),
    // A pair waiting out its delay is "blocked" here for that many seconds.
    delay: createRateLimiter({ keyPrefix: "signin-delay", points: 1, duration: 1, redisUrl }),
    signUps: createRateLimiter({ keyPrefix: "signup-ip", points: 10, duration: 600, redisUrl }),
  };
}

const LIMITERS = runtimeKey<Limiters>("auth.limiters");
const limiters = () => runtime.get(LIMITERS, () => make());
/** Tests: fresh limiters (optionally on a given Redis), as a restart would make. */
export function resetAuthLimiters(redisUrl?: string): void {
  runtime.set(LIMITERS, make(redisUrl));
}

const pairKey = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;

/** Before checking a password: throws rate_limited (with the seconds to wait) when this attempt must wait. */
export async function limitSignIn(email: string, ip: string): Promise<void> {
  const l = limiters();
  await consumeOrThrow(l.perIp, ip, "sign-in attempts from this address");
  const waiting = await l.delay.get(pairKey(email, ip));
  if (waiting && waiting.consumedPoints > 1 && waiting.msBeforeNext > 0) {
    throw tooMany("failed sign-ins for this account from this address", retryAfterSeconds(waiting));
  }
}

/** After a wrong password: counts it and, past the free ones, sets the doubling delay. Returns that delay (s). */
export async function recordSignInFailure(email: string, ip: string): Promise<number> {
  const l = limiters();
  const key = pairKey(email, ip);
  const res = await l.failures.penalty(key, 1);
  const over = res.consumedPoints - FREE_FAILURES;
  if (over <= 0) return 0;
  const secs = Math.min(MAX_DELAY_SECONDS, 2 ** (over - 1));
  await l.delay.block(key, secs);
  return secs;
}

/** A successful sign-in clears the pair's failures and delay. */
export async function clearSignIn(email: string, ip: string): Promise<void> {
  const l = limiters();
  const key = pairKey(email, ip);
  await Promise.all([l.failures.delete(key), l.delay.delete(key)]);
}

export async function limitSignUp(ip: string): Promise<void> {
  await consumeOrThrow(limiters().signUps, ip, "sign-ups from this address");
}
