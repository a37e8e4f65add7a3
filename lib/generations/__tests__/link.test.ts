import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { recordGenerations, type GenerationRecord } from "@/lib/generations";
import { moveLabel } from "@/lib/labels";
import { createPrompt, revertToVersion } from "@/lib/prompts";
import { createProvider } from "@/lib/providers";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { countingDb, twoVersionPrompt } from "./helpers";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const row = (over: Partial<GenerationRecord> = {}): GenerationRecord => ({ model: "gpt-4o-mini", output: "ok", ...over });

describe(`recordGenerations links versions (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("by slug and version, by label, by latest, by hash (with or without the slug), in three lookups for the batch", async () => {
    const { ctx } = await makeWorkspace(database);
    const p = await twoVersionPrompt(ctx);
    await moveLabel({ ctx, input: { slug: p.slug, label: "production", version: 1, reason: "ship v1" } });
    const rows = [
      row({ prompt: p.slug, version: 2 }),
      row({ prompt: p.slug, label: "production" }),
      row({ prompt: p.slug, label: "latest" }),
      row({ hash: p.v1.hash }),
      row({ prompt: p.slug, hash: p.v2.hash }),
      row({ prompt: p.slug, version: 1, hash: "sha256:what-the-client-served" }),
      row({ prompt: p.slug }),
      row({}),
    ];
    const counted = countingDb(database);
    const result = await recordGenerations({ ctx: { ...ctx, db: counted.db }, input: { rows } });
    expect(result.rejected).toEqual([]);
    expect(result.inserted.map((g) => [g.promptId, g.promptVersionId])).toEqual([
      [p.prompt.id, p.v2.id],
      [p.prompt.id, p.v1.id],
      [p.prompt.id, p.v2.id],
      [p.prompt.id, p.v1.id],
      [p.prompt.id, p.v2.id],
      [p.prompt.id, p.v1.id],
      [p.prompt.id, null],
      [null, null],
    ]);
    // What the caller said it served is kept as said (drift shows as served_hash != the version's hash).
    expect(result.inserted.map((g) => g.servedHash)).toEqual([null, null, null, p.v1.hash, p.v2.hash, "sha256:what-the-client-served", null, null]);
    expect(result.inserted[1]!.environment).toBe("production");
    expect(counted.queries.filter((q) => /from "(prompt|label|prompt_version)"/.test(q))).toHaveLength(3);
  });

  it("a hash shared by a revert links the newest version; a hash in two prompts needs the slug", async () => {
    const { ctx } = await makeWorkspace(database);
    const p = await twoVersionPrompt(ctx);
    const v3 = await revertToVersion({ ctx, input: { slug: p.slug, version: 1, message: "back to v1" } });
    expect(v3.version.hash).toBe(p.v1.hash);
    const twin = await createPrompt({ ctx, input: { slug: uniq("twin"), type: "text", content: "Answer {{question}}", message: "same text" } });
    expect(twin.version.hash).toBe(p.v1.hash); // the hash covers type, content and config, not the slug

    const result = await recordGenerations({ ctx, input: { rows: [row({ prompt: p.slug, hash: p.v1.hash }), row({ hash: p.v1.hash }), row({ hash: p.v2.hash })] } });
    expect(result.inserted.find((g) => g.index === 0)!.promptVersionId).toBe(v3.version.id);
    expect(result.inserted.find((g) => g.index === 2)!.promptVersionId).toBe(p.v2.id);
    expect(result.rejected).toEqual([{ index: 1, code: "not_found", message: expect.stringMatching(/several prompts.*send prompt/) }]);
  });

  it("rejects what is not in the workspace: another workspace's prompt, version, hash or connection is never linked", async () => {
    const mine = await makeWorkspace(database);
    const theirs = await makeWorkspace(database);
    const their = await twoVersionPrompt(theirs.ctx);
    const conn = await createProvider({ ctx: theirs.ctx, input: { name: "theirs", kind: "openai-compatible", baseUrl: "http://127.0.0.1:9" } });
    const result = await recordGenerations({
      ctx: mine.ctx,
      input: {
        rows: [
          row({ prompt: their.slug, version: 1 }),
          row({ promptVersionId: their.v1.id }),
          row({ promptId: their.prompt.id }),
          row({ hash: their.v2.hash }),
          row({ connectionId: conn.id, provider: "openai-compatible" }),
          row({ prompt: "no-such-prompt" }),
          row(),
        ],
      },
    });
    expect(result.inserted.map((g) => g.index)).toEqual([6]);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, "not_found"],
      [1, "not_found"],
      [2, "not_found"],
      [3, "not_found"],
      [4, "not_found"],
      [5, "not_found"],
    ]);
    expect(result.rejected.map((r) => r.message.split(":")[0])).toEqual(["prompt", "promptVersionId", "promptId", "hash", "connectionId", "prompt"]);
    // Nothing of theirs leaks into the message.
    expect(JSON.stringify(result.rejected)).not.toContain(their.v1.id);

    // In their own workspace the same rows link.
    const ok = await recordGenerations({ ctx: theirs.ctx, input: { rows: [row({ prompt: their.slug, version: 1 }), row({ hash: their.v2.hash })] } });
    expect(ok.inserted.map((g) => g.promptVersionId)).toEqual([their.v1.id, their.v2.id]);
  });
});
