import { createHmac } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { mintRealtimeToken, parseRealtimeUrl, promptDocName, realtimePath, RealtimeTokenError, verifyRealtimeToken } from "@/lib/realtime";
import { createTestDatabase, usingPostgres } from "@/lib/test/db";
import { promptFixture, rawSocket, SECRET, startRealtime, type Running } from "./helpers";

const payload = { userId: "u1", workspaceId: "w1", doc: "prompt:00000000-0000-4000-8000-000000000000", role: "editor" as const };

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RealtimeTokenError);
    return (e as RealtimeTokenError).reason;
  }
  throw new Error("expected the token to be rejected");
}

describe("realtime tokens", () => {
  it("round-trips the payload and expires after ttlSeconds", () => {
    const now = Date.UTC(2030, 0, 1);
    const token = mintRealtimeToken({ ...payload, ttlSeconds: 60 }, SECRET, { now });
    expect(verifyRealtimeToken(token, SECRET, { now: now + 59_000 })).toEqual({ ...payload, exp: now / 1000 + 60 });
    expect(failure(() => verifyRealtimeToken(token, SECRET, { now: now + 60_000 }))).toBe("expired");
  });

  it("rejects missing, malformed, forged and re-signed tokens with a typed reason", () => {
    const token = mintRealtimeToken(payload, SECRET);
    const [part, sig] = token.split(".") as [string, string];
    expect(failure(() => verifyRealtimeToken("", SECRET))).toBe("missing");
    expect(failure(() => verifyRealtimeToken(undefined, SECRET))).toBe("missing");
    expect(failure(() => verifyRealtimeToken("abc", SECRET))).toBe("malformed");
    expect(failure(() => verifyRealtimeToken(`${part}.${sig}.x`, SECRET))).toBe("malformed");
    const flipped = sig.slice(0, 5) + (sig[5] === "A" ? "B" : "A") + sig.slice(6);
    expect(failure(() => verifyRealtimeToken(`${part}.${flipped}`, SECRET))).toBe("bad signature");
    // Promoting yourself in the payload breaks the signature.
    const owner = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(part, "base64url").toString()), role: "owner" })).toString("base64url");
    expect(failure(() => verifyRealtimeToken(`${owner}.${sig}`, SECRET))).toBe("bad signature");
    expect(failure(() => verifyRealtimeToken(token, "another-secret-of-at-least-32-chars!!"))).toBe("bad signature");
    // Correctly signed but not a payload.
    const junk = Buffer.from("[1,2]").toString("base64url");
    expect(failure(() => verifyRealtimeToken(`${junk}.${createHmac("sha256", SECRET).update(junk).digest("base64url")}`, SECRET))).toBe("malformed");
  });

  it("parses realtime paths with URL-encoded document names", () => {
    const doc = "prompt:6f1c1c2e-8a43-4f0e-9d43-1b2c3d4e5f60";
    expect(parseRealtimeUrl(`${realtimePath(doc)}?token=abc`)).toEqual({ docName: doc, token: "abc" });
    expect(parseRealtimeUrl(`/realtime/${doc}?x=1&token=t.s`)).toEqual({ docName: doc, token: "t.s" });
    expect(parseRealtimeUrl(`/realtime/${doc}`)).toEqual({ docName: doc, token: null });
    expect(parseRealtimeUrl("/_next/webpack-hmr")).toBeNull();
    expect(parseRealtimeUrl("/realtime/a/b")?.docName).toBe("");
  });
});

let database: Database;
let server: Running | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => database?.close());

describe(`realtime upgrade authentication (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  async function statusFor(path: string): Promise<number> {
    const { status } = rawSocket(`ws://127.0.0.1:${server!.port}${path}`);
    return status;
  }

  it("answers 401 before upgrading for a missing, expired, forged or other document's token", async () => {
    const f = await promptFixture(database);
    const other = await promptFixture(database); // another workspace
    server = await startRealtime(database);
    const path = realtimePath(f.docName);
    const valid = f.token(f.owner.id, "owner");
    expect(await statusFor(`${path}?token=${valid}`)).toBe(101);

    expect(await statusFor(path)).toBe(401);
    expect(await statusFor(`${path}?token=`)).toBe(401);
    const expired = mintRealtimeToken({ userId: f.owner.id, workspaceId: f.ws.id, doc: f.docName, role: "owner", ttlSeconds: -1 }, SECRET);
    expect(await statusFor(`${path}?token=${expired}`)).toBe(401);
    const [part, sig] = valid.split(".") as [string, string];
    expect(await statusFor(`${path}?token=${part}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`)).toBe(401);
    expect(await statusFor(`${path}?token=${mintRealtimeToken({ userId: f.owner.id, workspaceId: f.ws.id, doc: f.docName, role: "owner" }, "not-the-server-secret-but-32-chars-long")}`)).toBe(401);

    // A valid token for another document of the same workspace, used on this path.
    const { prompt: second } = await (await import("@/lib/prompts")).createPrompt({ ctx: f.ctx, input: { slug: "second-doc", type: "text", content: "x", message: "m" } });
    expect(await statusFor(`${path}?token=${f.token(f.owner.id, "owner", promptDocName(second.id))}`)).toBe(401);
    // A valid token for another workspace's document, used on this path.
    expect(await statusFor(`${path}?token=${other.token(other.owner.id, "owner")}`)).toBe(401);
    expect(server.rt.stats().connections).toBe(1);
  });

  it("refuses a token whose workspace is not the document's (404) and a non-member (403)", async () => {
    const f = await promptFixture(database);
    const other = await promptFixture(database);
    server = await startRealtime(database);
    // Correctly signed for this path, but naming another workspace (where the prompt does not exist).
    const crossed = mintRealtimeToken({ userId: other.owner.id, workspaceId: other.ws.id, doc: f.docName, role: "owner" }, SECRET);
    expect(await statusFor(`${realtimePath(f.docName)}?token=${crossed}`)).toBe(404);
    // A user who is not a member of the workspace the token names.
    const stranger = mintRealtimeToken({ userId: other.owner.id, workspaceId: f.ws.id, doc: f.docName, role: "owner" }, SECRET);
    expect(await statusFor(`${realtimePath(f.docName)}?token=${stranger}`)).toBe(403);
    expect(server.rt.stats()).toEqual({ documents: 0, connections: 0 });
  });

  it("leaves other upgrade paths to the caller (returns false, socket untouched)", async () => {
    server = await startRealtime(database);
    const socket = new PassThrough();
    for (const url of ["/_next/webpack-hmr", "/realtimex/a", "/api/realtime/token"]) {
      expect(server.rt.handleUpgrade({ url, headers: {} } as IncomingMessage, socket, Buffer.alloc(0))).toBe(false);
    }
    expect(socket.destroyed).toBe(false);
  });
});
