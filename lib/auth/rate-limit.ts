import "server-only";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimited } from "@/lib/errors";

/**
 * Attempt limits for sign-in and sign-up. In-process memory: one instance per process. rate-limiter-flexible has
 * a drop-in RateLimiterRedis with the same interface for the multi-instance deployment.
 */
const perEmail = new RateLimiterMemory({ keyPrefix: "signin-email", points: 5, duration: 60, blockDuration: 60 });
const perIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: 30, duration: 60 });
const signUps = new RateLimiterMemory({ keyPrefix: "signup-ip", points: 10, duration: 600 });

async function consume(limiter: RateLimiterMemory, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      const secs = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
      throw rateLimited(`Too many ${what}. Try again in ${secs} second${secs === 1 ? "" : "s"}.`, secs);
    }
    throw e;
  }
}

export async function limitSignIn(email: string, ip: string): Promise<void> {
  await consume(perIp, ip, "sign-in attempts from this address");
  await consume(perEmail, email.toLowerCase(), "sign-in attempts for this account");
}

/** A successful sign-in clears the per-account counter. */
export async function clearSignIn(email: string): Promise<void> {
  await perEmail.delete(email.toLowerCase());
}

export async function limitSignUp(ip: string): Promise<void> {
  await consume(signUps, ip, "sign-ups from this address");
}
