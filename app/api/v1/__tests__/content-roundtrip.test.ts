import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createApiKey } from "@/lib/api-keys";
import { exportAuditJsonl } from "@/lib/audit";
import { hashVersion } from "@/lib/prompts/pure";
import { uniq } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import * as promptsRoute from "../prompts/route";
import * as promptRoute from "../prompts/[slug]/route";
import * as versionsRoute from "../prompts/[slug]/versions/route";
import * as labelRoute from "../prompts/[slug]/labels/[label]/route";
import * as renderRoute from "../prompts/[slug]/render/route";
import * as verifyRoute from "../audit/verify/route";
import { seededRandom } from "@/lib/test/random";
import { apiRequest, routeParams } from "@/lib/test/api";

/*
 * Issue 14: text content that is itself valid JSON ("\"Hi\"", 42, true, {"a":1}, null) must come back byte for
 * byte on every read path, and its hash must be recomputable from what is served. Runs on an in-memory PGlite
 * and, when TEST_DATABASE_URL is set, on that PostgreSQL server too: the two drivers parse jsonb differently.
 */
const targets: { name: string; open: () => Database }[] = [{ name: "pglite", open: () => openDatabase({ dataDir: "memory://" }) }];
const pgUrl = process.env.TEST_DATABASE_URL?.trim();
if (pgUrl) targets.push({ name: "postgres", open: () => openDatabase({ url: pgUrl, max: 5 }) });

const req = apiRequest;
const p = routeParams;

const rng = seededRandom;

const FIXED = [
  '"Hello {{name}}"',
  '"Hello"',
  '""',
  "42",
  "-0.5e10",
  "true",
  "false",
  "null",
  '{"a": 1}',
  '{"answer": "{{answer}}", "n": [1, 2]}',
  "[1,2]",
  "[]",
  "{}",
  " ",
  "\n\t \n",
  "  42  ",
  '"\\u0041"',
  "naïve café — 日本語 🙂 עברית",
  "e\u0301 (combining) and \u200b zero width",
  "'single' and \"double\" and `back`",
];

const PIECES = ['"', "{", "}", "[", "]", ",", ":", "1", "0.5", "-", "true", "null", " ", "\n", "\\", "a", "é", "🙂", "{{x}}", "'", "\t"];
function randomContent(next: () => number): string {
  const kind = Math.floor(next() * 4);
  if (kind === 0) return JSON.stringify(Math.round((next() - 0.5) * 1e6) / 100);
  if (kind === 1) return JSON.stringify({ k: Array.from({ length: 1 + Math.floor(next() * 3) }, () => next().toString(36).slice(2, 6)) });
  if (kind === 2) return JSON.stringify(PIECES.map((p) => (next() < 0.3 ? p : "")).join(""));
  return Array.from({ length: 1 + Math.floor(next() * 20) }, () => PIECES[Math.floor(next() * PIECES.length)]).join("");
}

describe.each(targets)("text content round-trips byte for byte ($name)", ({ open }) => {
  let database: Database;
  let write: string;
  let admin: string;
  let ctx: Awaited<ReturnType<typeof makeWorkspace>>["ctx"];
  beforeAll(async () => {
    database = open();
    await migrateDatabase(database);
    setDatabase(database);
    const w = await makeWorkspace(database);
    ctx = w.ctx;
    write = (await createApiKey({ ctx, input: { name: uniq("k"), scopes: ["prompts:read", "prompts:write", "labels:write"] } })).key;
    admin = (await createApiKey({ ctx, input: { name: uniq("k"), scopes: ["admin"] } })).key;
  });
  afterAll(() => database?.close());

  const seed = 14;
  const next = rng(seed);
  const contents = [...FIXED, ...Array.from({ length: 40 }, () => randomContent(next))];

  it(`create, commit, list, serve by label/version/at, render and audit export return what was sent (seed ${seed})`, async () => {
    for (const [i, content] of contents.entries()) {
      const slug = `rt/${uniq("c")}`;
      const enc = encodeURIComponent(slug);
      const why = `content #${i} ${JSON.stringify(content)}`;

      // v1 is a placeholder, v2 the content under test: exercises both create and commit.
      let res = await promptsRoute.POST(req("POST", "/prompts", write, { slug, type: "text", content: "v1", message: "first" }));
      expect(res.status, why).toBe(201);
      res = await versionsRoute.POST(req("POST", `/prompts/${enc}/versions`, write, { content, message: "second" }), p({ slug: enc }));
      expect(res.status, why).toBe(201);
      const committed = await res.json();
      expect(committed.content, why).toBe(content);

      const created = await promptsRoute.POST(req("POST", "/prompts", write, { slug: `${slug}-c`, type: "text", content, message: "m" }));
      expect((await created.json()).version.content, why).toBe(content);

      res = await labelRoute.PUT(req("PUT", `/prompts/${enc}/labels/production`, admin, { version: 2, reason: "ship" }), p({ slug: enc, label: "production" }));
      expect(res.status, why).toBe(200);

      const byVersion = await (await promptRoute.GET(req("GET", `/prompts/${enc}?version=2`, write), p({ slug: enc }))).json();
      const byLabel = await (await promptRoute.GET(req("GET", `/prompts/${enc}?label=production`, write), p({ slug: enc }))).json();
      const at = encodeURIComponent(new Date(Date.now() + 1000).toISOString());
      const byAt = await (await promptRoute.GET(req("GET", `/prompts/${enc}?label=production&at=${at}`, write), p({ slug: enc }))).json();
      const list = await (await versionsRoute.GET(req("GET", `/prompts/${enc}/versions`, write), p({ slug: enc }))).json();
      for (const served of [byVersion, byLabel, byAt]) {
        expect(served.content, why).toBe(content);
        // The hash is of exactly what is served: recomputed from the served JSON, it matches.
        expect(hashVersion({ type: served.type, content: served.content, config: served.config }), why).toBe(served.hash);
      }
      expect(list.versions[0].content, why).toBe(content);

      // A template with no tags renders to itself.
      if (!content.includes("{{")) {
        res = await renderRoute.POST(req("POST", `/prompts/${enc}/render`, write, { version: 2, variables: {} }), p({ slug: enc }));
        expect((await res.json()).content, why).toBe(content);
      }
    }
  }, 120_000); // ~60 contents x 8 requests: minutes, not seconds, on a loaded 2-core machine

  it("the audit chain still verifies after those commits, and its export is readable", async () => {
    const res = await verifyRoute.GET(req("GET", "/audit/verify", admin));
    expect(await res.json()).toMatchObject({ ok: true });
    const lines: string[] = [];
    for await (const line of exportAuditJsonl(ctx)) lines.push(line);
    const commits = lines.map((l) => JSON.parse(l)).filter((e) => e.action === "version.commit" || e.action === "prompt.create");
    expect(commits.length).toBeGreaterThanOrEqual(contents.length);
  });
});
