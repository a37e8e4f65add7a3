import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { labelEvents, labels, promptVersions } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { labelHistory, labelsAt, listLabelPolicies, moveLabel, rollbackLabel, setLabelPolicy } from "@/lib/labels";
import { commitVersion, createPrompt, getPromptUsage, getServedVersion, listVersions, renderPrompt, revertToVersion, setPromptArchived } from "@/lib/prompts";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError, expectZodError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const text = (ctx: WorkspaceCtx, slug = uniq("p")) => createPrompt({ ctx, input: { slug, type: "text", content: "Hello {{name}}", message: "v1" } });

describe(`prompt registry (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("50 concurrent commits give versions 1..51 with no gap, no duplicate and no error", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => commitVersion({ ctx, input: { slug: prompt.slug, content: `Hello {{name}} #${i}`, message: `commit ${i}` } })),
    );
    const failed = results.filter((r) => r.status === "rejected");
    expect(failed.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
    const numbers = (await database.db.select({ n: promptVersions.number }).from(promptVersions).where(eq(promptVersions.promptId, prompt.id))).map((r) => r.n).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    // Every version's parent is the one before it.
    const versions = await listVersions({ ctx, slug: prompt.slug, limit: 100 });
    const byId = new Map(versions.map((v) => [v.id, v.number]));
    for (const v of versions) expect(v.parentId ? byId.get(v.parentId) : 0).toBe(v.number - 1);
  });

  it("20 concurrent label moves: the final pointer equals the last event and the history is complete", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    for (let i = 2; i <= 21; i++) await commitVersion({ ctx, input: { slug: prompt.slug, content: `Hello {{name}} v${i}`, message: `v${i}` } });
    const moves = await Promise.all(
      Array.from({ length: 20 }, (_, i) => moveLabel({ ctx, input: { slug: prompt.slug, label: "staging", version: i + 2, reason: `move ${i}` } })),
    );
    expect(moves.every((m) => m.changed)).toBe(true);
    const events = await database.db.select().from(labelEvents).where(and(eq(labelEvents.promptId, prompt.id), eq(labelEvents.label, "staging"))).orderBy(labelEvents.id);
    expect(events).toHaveLength(20);
    // A chain: each event starts where the previous one ended.
    for (let i = 1; i < events.length; i++) expect(events[i]!.fromVersionId).toBe(events[i - 1]!.toVersionId);
    expect(events[0]!.fromVersionId).toBeNull();
    const [row] = await database.db.select().from(labels).where(and(eq(labels.promptId, prompt.id), eq(labels.name, "staging")));
    expect(row!.versionId).toBe(events[events.length - 1]!.toVersionId);
    const served = await getServedVersion({ ctx, input: { slug: prompt.slug, label: "staging" } });
    expect(served.version.id).toBe(row!.versionId);
  });

  it("answers exactly which version a label pointed to at a past instant", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    await commitVersion({ ctx, input: { slug: prompt.slug, content: "Hi {{name}}", message: "v2" } });
    await commitVersion({ ctx, input: { slug: prompt.slug, content: "Hey {{name}}", message: "v3" } });
    const before = new Date(Date.now() - 1);
    await moveLabel({ ctx, input: { slug: prompt.slug, label: "production", version: 2, reason: "launch" } });
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await moveLabel({ ctx, input: { slug: prompt.slug, label: "production", version: 3, reason: "upgrade" } });
    await new Promise((r) => setTimeout(r, 20));
    const after = new Date();

    const at = async (t: Date) => (await labelsAt({ ctx, input: { slug: prompt.slug, at: t } })).labels.find((l) => l.label === "production")!.version;
    expect(await at(before)).toBeNull();
    expect(await at(between)).toBe(2);
    expect(await at(after)).toBe(3);
    expect((await getServedVersion({ ctx, input: { slug: prompt.slug, label: "production", at: between } })).version.number).toBe(2);
    await expectAppError(getServedVersion({ ctx, input: { slug: prompt.slug, label: "production", at: before } }), "not_found", /pointed at no version/);

    const rolled = await rollbackLabel({ ctx, input: { slug: prompt.slug, label: "production" } });
    expect(rolled).toMatchObject({ version: 2, previousVersion: 3, changed: true });
    const history = await labelHistory({ ctx, input: { slug: prompt.slug, label: "production" } });
    expect(history.map((h) => [h.kind, h.from, h.to])).toEqual([
      ["rollback", 3, 2],
      ["promote", 2, 3],
      ["promote", null, 2],
    ]);
  });

  it("serving an unset label is a 404 that says so; production and staging exist from the start", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    await expectAppError(getServedVersion({ ctx, input: { slug: prompt.slug } }), "not_found", /"production".*points at no version yet/);
    await expectAppError(getServedVersion({ ctx, input: { slug: prompt.slug, label: "nope" } }), "not_found", /Label "nope"/);
    expect((await getServedVersion({ ctx, input: { slug: prompt.slug, label: "latest" } })).version.number).toBe(1);
  });

  it("suggests semver from what changed and never lets the author bump lower", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt, version } = await text(ctx);
    expect(version.semver).toBe("1.0.0");
    const c = (content: string, extra: { config?: unknown; semver?: string } = {}) => commitVersion({ ctx, input: { slug: prompt.slug, content, message: "m", ...extra } });
    expect((await c("Hello {{name}}!")).version.semver).toBe("1.1.0"); // content -> minor
    expect((await c("Hello  {{name}}! ")).version.semver).toBe("1.1.1"); // whitespace -> patch
    expect((await c("Hello {{name}} from {{city}}!")).version.semver).toBe("2.0.0"); // variable added -> major
    expect((await c("Hello {{name}} from {{city}}!", { config: { temperature: 0.2 } })).version.semver).toBe("2.1.0"); // config -> minor
    await expectAppError(c("Hello {{name}} from {{city}}!!", { config: { temperature: 0.2 }, semver: "2.1.1" }), "invalid_input", /lower than the suggested 2\.2\.0/);
    expect((await c("Hello {{name}} from {{city}}!!", { config: { temperature: 0.2 }, semver: "3.0.0" })).version.semver).toBe("3.0.0");
    await expectAppError(c("Hello {{name}} from {{city}}!!", { config: { temperature: 0.2 } }), "conflict", /Nothing changed/);
    const r = await revertToVersion({ ctx, input: { slug: prompt.slug, version: 1 } });
    expect(r.version.content).toBe("Hello {{name}}");
    expect(r.version.message).toBe("Revert to v1");
    expect(r.bump).toBe("major"); // city removed
  });

  it("versions are immutable in the database", async () => {
    const { ctx } = await makeWorkspace(database);
    const { version } = await text(ctx);
    const failure = async (run: Promise<unknown>) => {
      const e = await run.then(() => null, (err: unknown) => err);
      expect(e, "the change should have been rejected").not.toBeNull();
      return String((e as { cause?: unknown }).cause ?? e);
    };
    expect(await failure(database.db.update(promptVersions).set({ message: "rewritten" }).where(eq(promptVersions.id, version.id)))).toMatch(/append-only/);
    expect(await failure(database.db.delete(promptVersions).where(eq(promptVersions.id, version.id)))).toMatch(/append-only/);
    const [still] = await database.db.select().from(promptVersions).where(eq(promptVersions.id, version.id));
    expect(still!.message).toBe("v1");
  });

  it("refuses secrets, invalid response schemas and bad slugs with messages that name the problem", async () => {
    const { ctx } = await makeWorkspace(database);
    await expectAppError(text(ctx, "Bad Slug"), "invalid_input", /slug/);
    const { prompt } = await text(ctx);
    await expectAppError(
      commitVersion({ ctx, input: { slug: prompt.slug, content: "line one\nkey: sk-proj-" + "a".repeat(40), message: "oops" } }),
      "invalid_input",
      /OpenAI API key.*line 2/,
    );
    await expectAppError(
      commitVersion({ ctx, input: { slug: prompt.slug, content: "x {{name}}", config: { responseSchema: { type: 5 } }, message: "bad schema" } }),
      "invalid_input",
      /responseSchema/,
    );
    await expectAppError(commitVersion({ ctx, input: { slug: prompt.slug, content: "x", config: { temprature: 1 }, message: "typo" } }), "invalid_input", /temprature/);
    await expectZodError(commitVersion({ ctx, input: { slug: prompt.slug, content: "x", message: "  " } }), /commit message is required/);
  });

  it("components: included by slug@label, rendered with their versions listed, cycles refused, uses/used-by", async () => {
    const { ctx } = await makeWorkspace(database);
    const safety = uniq("safety");
    await createPrompt({ ctx, input: { slug: safety, type: "text", isComponent: true, content: "Be safe, {{name}}.", message: "v1" } });
    await commitVersion({ ctx, input: { slug: safety, content: "Be very safe, {{name}}.", message: "v2" } });
    await moveLabel({ ctx, input: { slug: safety, label: "production", version: 1, reason: "ok" } });
    const reply = uniq("reply");
    const { version } = await createPrompt({
      ctx,
      input: { slug: reply, type: "chat", content: [{ role: "system", content: `{{> ${safety}@production}}` }, { role: "user", content: "{{question}}" }], message: "v1" },
    });
    expect(version.variables).toEqual(["name", "question"]);
    const out = await renderPrompt({ ctx, input: { slug: reply, label: "latest", variables: { name: "Ada", question: "Why?" } } });
    expect(out.content).toEqual([
      { role: "system", content: "Be safe, Ada." },
      { role: "user", content: "Why?" },
    ]);
    expect(out.components).toEqual([{ slug: safety, label: "production", version: 1 }]);
    await expectAppError(renderPrompt({ ctx, input: { slug: reply, label: "latest", variables: { question: "Why?" } } }), "invalid_input", /Missing variable: name/);

    expect((await getPromptUsage({ ctx, slug: reply })).uses.map((u) => u.slug)).toEqual([safety]);
    expect((await getPromptUsage({ ctx, slug: safety })).usedBy.map((u) => u.slug)).toEqual([reply]);

    const a = uniq("a");
    const b = uniq("b");
    await createPrompt({ ctx, input: { slug: a, type: "text", isComponent: true, content: "A", message: "v1" } });
    await createPrompt({ ctx, input: { slug: b, type: "text", isComponent: true, content: `B {{> ${a}}}`, message: "v1" } });
    await expectAppError(commitVersion({ ctx, input: { slug: a, content: `A {{> ${b}}}`, message: "cycle" } }), "invalid_input", /cycle/i);
    await expectAppError(commitVersion({ ctx, input: { slug: a, content: `A {{> nope}}`, message: "missing" } }), "invalid_input", /"nope"/);
  });

  it("archiving blocks commits but keeps serving", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    await setPromptArchived({ ctx, input: { slug: prompt.slug, archived: true } });
    await expectAppError(commitVersion({ ctx, input: { slug: prompt.slug, content: "x", message: "m" } }), "conflict", /archived/);
    expect((await getServedVersion({ ctx, input: { slug: prompt.slug, label: "latest" } })).version.number).toBe(1);
  });
});

describe(`roles and tenancy (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("viewers and reviewers cannot commit; editors cannot move production but can move staging; admins can", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    const viewer = await addMember(database, ctx, "viewer");
    const reviewer = await addMember(database, ctx, "reviewer");
    const editor = await addMember(database, ctx, "editor");
    const admin = await addMember(database, ctx, "admin");
    for (const m of [viewer, reviewer]) {
      await expectAppError(commitVersion({ ctx: m.ctx, input: { slug: prompt.slug, content: "x {{name}}", message: "m" } }), "forbidden");
      await expectAppError(moveLabel({ ctx: m.ctx, input: { slug: prompt.slug, label: "staging", version: 1, reason: "r" } }), "forbidden");
      expect((await getServedVersion({ ctx: m.ctx, input: { slug: prompt.slug, label: "latest" } })).version.number).toBe(1);
    }
    await commitVersion({ ctx: editor.ctx, input: { slug: prompt.slug, content: "Hi {{name}}", message: "editor commit" } });
    await expectAppError(moveLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "production", version: 2, reason: "r" } }), "forbidden", /production.*admin/);
    expect((await moveLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "staging", version: 2, reason: "r" } })).changed).toBe(true);
    expect((await moveLabel({ ctx: admin.ctx, input: { slug: prompt.slug, label: "production", version: 2, reason: "r" } })).changed).toBe(true);
  });

  it("another workspace's prompt is not found, never forbidden", async () => {
    const a = await makeWorkspace(database);
    const b = await makeWorkspace(database);
    const { prompt } = await text(a.ctx);
    await expectAppError(getServedVersion({ ctx: b.ctx, input: { slug: prompt.slug, label: "latest" } }), "not_found");
    await expectAppError(commitVersion({ ctx: b.ctx, input: { slug: prompt.slug, content: "x", message: "m" } }), "not_found");
    await expectAppError(moveLabel({ ctx: b.ctx, input: { slug: prompt.slug, label: "staging", version: 1, reason: "r" } }), "not_found");
    await expectAppError(labelHistory({ ctx: b.ctx, input: { slug: prompt.slug } }), "not_found");
    // The same slug may exist in both workspaces independently.
    const again = await text(b.ctx, prompt.slug);
    expect(again.prompt.id).not.toBe(prompt.id);
    const count = await database.db.execute(sql`select count(*)::int as n from prompt_version where prompt_id = ${prompt.id}`);
    const rows = Array.isArray(count) ? count : (count as unknown as { rows: { n: number }[] }).rows;
    expect(Number((rows[0] as { n: number }).n)).toBe(1);
  });
});

describe(`label policies (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("an admin can require admin for staging; editors are then refused on every path through the lib", async () => {
    const { ctx } = await makeWorkspace(database);
    const { prompt } = await text(ctx);
    const editor = await addMember(database, ctx, "editor");
    const admin = await addMember(database, ctx, "admin");
    await expectAppError(setLabelPolicy({ ctx: editor.ctx, input: { label: "staging", minRole: "admin" } }), "forbidden");
    await expectAppError(setLabelPolicy({ ctx: admin.ctx, input: { label: "staging", minRole: "viewer" } }), "invalid_input", /editor or higher/);
    const policy = await setLabelPolicy({ ctx: admin.ctx, input: { label: "staging", minRole: "admin" } });
    expect(policy).toMatchObject({ label: "staging", minRole: "admin", custom: true });
    await expectAppError(moveLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "staging", version: 1, reason: "r" } }), "forbidden", /staging.*admin/);
    await expectAppError(rollbackLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "staging" } }), "forbidden");
    expect((await moveLabel({ ctx: admin.ctx, input: { slug: prompt.slug, label: "staging", version: 1, reason: "r" } })).changed).toBe(true);
    // Custom labels default to editor and can be created by moving them.
    expect((await moveLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "canary", version: 1, reason: "r" } })).changed).toBe(true);
    await expectAppError(moveLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "latest", version: 1, reason: "r" } }), "invalid_input", /latest/);
    await expectAppError(moveLabel({ ctx: editor.ctx, input: { slug: prompt.slug, label: "Bad Label", version: 1, reason: "r" } }), "invalid_input");
    const names = (await listLabelPolicies({ ctx })).map((p) => `${p.label}:${p.minRole}`);
    expect(names).toEqual(["production:admin", "staging:admin"]);
  });
});
