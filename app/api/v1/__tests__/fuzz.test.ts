import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET = "test-only-provider-secret-0123456789abcdef";
});
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

import { z } from "zod";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { OPERATIONS, type Operation } from "@/lib/openapi";
import { makeGenerations, reviewWorkspace } from "@/lib/reviews/__tests__/helpers";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";

// Hundreds of hostile values into every path parameter, query parameter and top-level body field of every
// operation (from the operations' own schemas, so new routes are fuzzed too): none may answer 5xx.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(() => database?.close());

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function handlerFor(op: Operation): Promise<Handler> {
  const dir = op.path.replace(/\{([^}]+)\}/g, "[$1]");
  const mod = (await import(/* @vite-ignore */ join(process.cwd(), "app/api/v1", dir, "route.ts"))) as Record<string, Handler>;
  return mod[op.method.toUpperCase()]!;
}

const keysOf = (schema: z.ZodType | undefined): string[] => {
  if (!schema) return [];
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown>; anyOf?: { properties?: Record<string, unknown> }[] };
  return Object.keys(js.properties ?? js.anyOf?.find((s) => s.properties)?.properties ?? {});
};

const BAD_PATH = ["%00", "%", "%E0%A4%A", "%ED%A0%80", "\u0000", "\ud800", "x".repeat(5000), "..", "a/b", "' OR 1=1 --", " "];
const BAD_QUERY = ["%00", "%ED%A0%80", "%", "1e21", "-1", "1.5", "Infinity", "NaN", "", "0000-01-01T00:00:00Z", "x".repeat(5000), "999999999999999999999999", "true", "[]"];
const BAD_BODY: unknown[] = ["\u0000", "\ud800", 1e21, -1, 1.5, 2147483648, null, [], {}, "", "x".repeat(300_000), [["deep"]], { a: { b: "\udc00" } }, true, "0000-01-01T00:00:00Z"];
const BAD_WHOLE_BODY = ["[]", "null", '"text"', "{", "1e999", '{"__proto__": {"x": 1}}', "\u0000"];

describe(`fuzzing every /api/v1 operation never answers 5xx (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("path, query and body fields", async () => {
    const w = await reviewWorkspace(database);
    session.user = w.owner;
    const key = (await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes: ["admin"] } })).key;
    const [g] = await makeGenerations(w.ctx, 1, { promptId: w.prompt.id, promptVersionId: w.v1.id });
    const { createQueue } = await import("@/lib/reviews");
    const { queue } = await createQueue({ ctx: w.ctx, input: { name: "Fuzz", mode: "single", generationIds: [g!.id] } });
    const base: Record<string, string> = { slug: encodeURIComponent(w.prompt.slug), label: "staging", name: "nope", id: queue.id };
    const baseBody: Record<string, Record<string, unknown>> = {
      createPrompt: { slug: uniq("f"), type: "text", content: "x", message: "m" },
      commitVersion: { content: "x", message: "m" },
      renderPrompt: { variables: { question: "q" } },
      moveLabel: { version: 1, reason: "r" },
      runPrompt: { prompt: w.prompt.slug, version: 1, model: "nope/m", variables: { question: "q" } },
      createProvider: { name: "fz", kind: "openai", apiKey: "sk-x" },
      createReviewQueue: { name: "Q", mode: "single" },
      submitReview: { itemId: "00000000-0000-4000-8000-000000000000", verdict: "up" },
      releaseReviewItem: { itemId: "00000000-0000-4000-8000-000000000000" },
    };

    const failures: string[] = [];
    let sent = 0;
    async function send(op: Operation, handler: Handler, params: Record<string, string>, query: string, body: string | undefined, what: string) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (op.auth === "apiKey") headers.authorization = `Bearer ${key}`;
      const path = op.path.replace(/\{([^}]+)\}/g, (_, k: string) => params[k]!);
      let url: string;
      try {
        url = new URL("http://localhost/api/v1" + path.replace(/[^\x21-\x7e]/g, encodeURIComponent) + query).toString();
      } catch {
        url = "http://localhost/api/v1/x" + query;
      }
      sent++;
      const res = await handler(new Request(url, { method: op.method.toUpperCase(), headers, body }), { params: Promise.resolve(params) });
      if (res.status >= 500) failures.push(`${op.method.toUpperCase()} ${op.path} ${what}: ${res.status} ${(await res.text()).slice(0, 200)}`);
    }

    for (const op of OPERATIONS) {
      const handler = await handlerFor(op);
      const pathKeys = keysOf(op.params);
      const params = Object.fromEntries(pathKeys.map((k) => [k, base[k]!]));
      const body = op.body ? JSON.stringify(baseBody[op.operationId] ?? {}) : undefined;
      for (const k of pathKeys) for (const v of BAD_PATH) await send(op, handler, { ...params, [k]: v }, "", body, `path ${k}=${JSON.stringify(v.slice(0, 20))}`);
      for (const k of keysOf(op.query)) for (const v of BAD_QUERY) await send(op, handler, params, `?${k}=${v}`, body, `query ${k}=${v.slice(0, 20)}`);
      if (!op.body) continue;
      for (const k of keysOf(op.body)) {
        for (const v of BAD_BODY) await send(op, handler, params, "", JSON.stringify({ ...baseBody[op.operationId], [k]: v }), `body ${k}=${JSON.stringify(v)?.slice(0, 20)}`);
      }
      for (const raw of BAD_WHOLE_BODY) await send(op, handler, params, "", raw, `body ${raw}`);
    }
    // Nested dates and ids the verbs compare in SQL.
    const create = OPERATIONS.find((o) => o.operationId === "createReviewQueue")!;
    for (const filter of [{ from: "0000-01-01T00:00:00Z" }, { to: "+275760-09-13T00:00:00Z" }, { promptId: "\u0000" }, { models: ["\ud800"] }, { versionIds: ["x"] }]) {
      await send(create, await handlerFor(create), {}, "", JSON.stringify({ name: "Q", mode: "single", filter, backfill: true }), `filter ${JSON.stringify(filter)}`);
    }
    session.user = null;
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  }, 240_000);
});
