import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as promptRoute from "@/app/api/v1/prompts/[slug]/route";
import { createApiKey } from "@/lib/api-keys";
import { hashVersion } from "@/lib/hash";
import { commitVersion, createPrompt } from "@/lib/prompts";
import { uniq } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";

/*
 * The README documents the version hash and gives a Node one-liner that recomputes it from the served JSON of
 * GET /api/v1/prompts/{slug}. This runs that very snippet (cut out of README.md) on what the route serves.
 */
const readme = readFileSync(path.join(import.meta.dirname, "../../../README.md"), "utf8");
const block = readme.split("<!-- version-hash-recompute -->")[1]?.split("```sh")[1]?.split("```")[0] ?? "";
const script = /\| node -e '([\s\S]*)'\s*$/.exec(block)?.[1];

const targets: { name: string; open: () => Database }[] = [{ name: "pglite", open: () => openDatabase({ dataDir: "memory://" }) }];
const pgUrl = process.env.TEST_DATABASE_URL?.trim();
if (pgUrl) targets.push({ name: "postgres", open: () => openDatabase({ url: pgUrl, max: 3 }) });

describe.each(targets)("the documented version hash recomputes from served JSON ($name)", ({ open }) => {
  let database: Database;
  let key: string;
  let ctx: Awaited<ReturnType<typeof makeWorkspace>>["ctx"];
  beforeAll(async () => {
    database = open();
    await migrateDatabase(database);
    setDatabase(database);
    ctx = (await makeWorkspace(database)).ctx;
    key = (await createApiKey({ ctx, input: { name: uniq("k"), scopes: ["prompts:read"] } })).key;
  });
  afterAll(() => database?.close());

  async function served(slug: string, query: string) {
    const enc = encodeURIComponent(slug);
    const res = await promptRoute.GET(new Request(`http://localhost/api/v1/prompts/${enc}?${query}`, { headers: { authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({ slug: enc }),
    });
    expect(res.status).toBe(200);
    return res.text();
  }

  it("README has the snippet", () => {
    expect(script).toContain("createHash");
  });

  it("the README one-liner prints the served hash and OK for text and chat versions with awkward values", async () => {
    const text = `docs/${uniq("t")}`;
    await createPrompt({ ctx, input: { slug: text, type: "text", content: "Héllo {{name}} 🙂 \"q\" \\ \u2028 中文", message: "one" } });
    await commitVersion({
      ctx,
      input: {
        slug: text,
        content: "v2 {{name}}",
        config: { temperature: 0.1, topP: 1e-7, maxTokens: 100, stop: ["！", "😀", "\n"], responseSchema: { type: "object", properties: { z: { type: "number", examples: [1e21, -0, 0.1, 5e-324] }, "10": { type: "integer" }, "9": { type: "integer" } } } },
        message: "two",
      },
    });
    const chat = `docs/${uniq("c")}`;
    await createPrompt({ ctx, input: { slug: chat, type: "chat", content: [{ role: "system", content: "Be brief." }, { role: "user", content: "{{q}}" }], config: { temperature: 1 }, message: "chat" } });

    for (const [slug, query] of [[text, "version=1"], [text, "version=2"], [text, "label=latest"], [chat, "version=1"]] as const) {
      const body = await served(slug, query);
      const json = JSON.parse(body) as { type: string; content: unknown; config: unknown; hash: string };
      const out = execFileSync(process.execPath, ["-e", script!], { input: body, encoding: "utf8" }).trim();
      expect(out, `${slug}?${query}`).toBe(`${json.hash} OK`);
      expect(hashVersion(json)).toBe(json.hash);
    }
  });

  it("the one-liner notices a changed byte (it checks, not just prints)", async () => {
    const slug = `docs/${uniq("x")}`;
    await createPrompt({ ctx, input: { slug, type: "text", content: "Hi", message: "one" } });
    const json = JSON.parse(await served(slug, "version=1")) as Record<string, unknown>;
    const out = execFileSync(process.execPath, ["-e", script!], { input: JSON.stringify({ ...json, content: "Hi " }), encoding: "utf8" }).trim();
    expect(out).toBe(`${hashVersion({ type: "text", content: "Hi ", config: json.config })} MISMATCH`);
  });
});
