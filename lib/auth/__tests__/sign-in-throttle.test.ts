import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { verifyCredentials } from "@/lib/auth";
import { CLIENT_IP_HEADER, parseTrustedProxies, resolveClientIp, stampClientIp } from "@/lib/auth/client-ip";
import { FREE_FAILURES, resetAuthLimiters } from "@/lib/auth/rate-limit";
import { closeRateLimitStores } from "@/lib/rate-limit";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { TEST_PASSWORD, makeWorkspace } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await closeRateLimitStores();
  await database?.close();
});
afterEach(() => vi.useRealTimers());

const ctx = () => ({ db: database.db });
const signIn = (email: string, password: string, ip: string) => verifyCredentials({ ctx: ctx(), input: { email, password }, ip });

describe("client address", () => {
  const none = parseTrustedProxies(undefined);
  const proxy = parseTrustedProxies("10.0.0.0/8, loopback");

  it("ignores X-Forwarded-For unless the peer is a trusted proxy, so rotating it changes nothing", () => {
    for (const xff of ["1.1.1.1", "2.2.2.2", "3.3.3.3, 4.4.4.4", "garbage"]) {
      expect(resolveClientIp({ remoteAddress: "203.0.113.9", forwardedFor: xff, trustedProxies: none })).toBe("203.0.113.9");
      // Behind no proxy, even a loopback peer's header is not believed.
      expect(resolveClientIp({ remoteAddress: "::ffff:127.0.0.1", forwardedFor: xff, trustedProxies: none })).toBe("127.0.0.1");
    }
  });

  it("behind trusted proxies takes the right-most untrusted hop, never what the client wrote to its left", () => {
    expect(resolveClientIp({ remoteAddress: "10.0.0.5", forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.9", trustedProxies: proxy })).toBe("198.51.100.7");
    expect(resolveClientIp({ remoteAddress: "127.0.0.1", forwardedFor: "198.51.100.7", trustedProxies: proxy })).toBe("198.51.100.7");
    expect(resolveClientIp({ remoteAddress: "10.0.0.5", forwardedFor: undefined, trustedProxies: proxy })).toBe("10.0.0.5");
  });

  it("overwrites a client-sent copy of the internal header", () => {
    const req = { headers: { [CLIENT_IP_HEADER]: "1.2.3.4", "x-forwarded-for": "5.6.7.8" } as Record<string, string>, socket: { remoteAddress: "203.0.113.1" } };
    stampClientIp(req, none);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("203.0.113.1");
  });

  it("refuses a malformed TRUSTED_PROXIES entry, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.1, not-an-ip")).toThrow(/TRUSTED_PROXIES: "not-an-ip"/);
  });
});

describe("sign-in throttling (memory store)", () => {
  it("an attacker's failures never lock the owner out from their own address", async () => {
    resetAuthLimiters("");
    const { owner: user } = await makeWorkspace(database);
    for (let i = 0; i < FREE_FAILURES + 3; i++) await signIn(user.email, "wrong password!!", "198.51.100.66").catch(() => null);
    await expectAppError(signIn(user.email, "wrong password!!", "198.51.100.66"), "rate_limited");
    expect(await signIn(user.email, TEST_PASSWORD, "203.0.113.10")).toMatchObject({ id: user.id });
  });

  it("past the free failures, each wrong password doubles the wait (1 s, 2 s, 4 s), and the message says how long", async () => {
    resetAuthLimiters("");
    vi.useFakeTimers({ toFake: ["Date"] }); // only the limiter's clock: the database and argon2 run for real
    const { owner: user } = await makeWorkspace(database);
    const ip = "198.51.100.77";
    for (let i = 0; i < FREE_FAILURES; i++) expect(await signIn(user.email, "wrong password!!", ip)).toBeNull();
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await signIn(user.email, "wrong password!!", ip)).toBeNull(); // counted; sets the next wait
      // Even the right password must wait it out: the attempt is refused before the password is checked.
      const refused = await expectAppError(signIn(user.email, TEST_PASSWORD, ip), "rate_limited", /Try again in \d+ seconds?\./);
      waits.push(refused.retryAfterSeconds!);
      vi.setSystemTime(Date.now() + refused.retryAfterSeconds! * 1000 + 1);
    }
    expect(waits).toEqual([1, 2, 4]);
    expect(await signIn(user.email, TEST_PASSWORD, ip)).toMatchObject({ id: user.id });
  });

  it("one address is limited across accounts (30 attempts a minute)", async () => {
    resetAuthLimiters("");
    const ip = "198.51.100.99";
    for (let i = 0; i < 30; i++) await signIn(`${uniq("nobody")}@example.test`, "wrong password!!", ip);
    await expectAppError(signIn(`${uniq("nobody")}@example.test`, "wrong password!!", ip), "rate_limited");
  });
});

const redisUrl = process.env.TEST_REDIS_URL?.trim();
describe.runIf(redisUrl)("sign-in throttling on Redis (TEST_REDIS_URL)", () => {
  it("a delay survives a restart (fresh limiters on the same Redis)", async () => {
    resetAuthLimiters(redisUrl);
    const { owner: user } = await makeWorkspace(database);
    const ip = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < FREE_FAILURES + 1; i++) await signIn(user.email, "wrong password!!", ip).catch(() => null);
    resetAuthLimiters(redisUrl); // what a restart does: new limiter objects, same store
    await expectAppError(signIn(user.email, TEST_PASSWORD, ip), "rate_limited");
  });
});
