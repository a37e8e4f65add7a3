import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { listDeployments } from "@/lib/deployments";
import { startEventDispatcher, stopEventDispatcher } from "@/lib/events";
import { moveLabel } from "@/lib/labels";
import { commitVersion, createPrompt } from "@/lib/prompts";
import { setApiKeyLimiter } from "@/lib/rate-limit";
import { disableServingCache, enableServingCache } from "@/lib/serving";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { startServingServer } from "@/lib/test/serving-server";
import { createClient } from "@/sdk";
import { main } from "../main";

// The CLI in-process (main returns the exit code) against a real HTTP server backed by the test database.
let database: Database;
let server: Awaited<ReturnType<typeof startServingServer>>;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  await startEventDispatcher({ db: database.db, pollIntervalMs: 3_600_000 });
  enableServingCache();
  setApiKeyLimiter(null);
  server = await startServingServer();
});
afterAll(async () => {
  await server?.kill();
  disableServingCache();
  await stopEventDispatcher();
  await database?.close();
});

async function run(argv: string[], opts: { cwd: string; key?: string; url?: string }) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { PROMPTYARD_URL: opts.url ?? server.url, PROMPTYARD_API_KEY: opts.key },
    cwd: opts.cwd,
  });
  return { code, stdout, stderr };
}

async function setup() {
  const w = await makeWorkspace(database);
  const a = `app/${uniq("a")}`;
  const b = `app/${uniq("b")}`;
  for (const slug of [a, b]) {
    await createPrompt({ ctx: w.ctx, input: { slug, type: "text", content: `${slug} says {{x}}`, message: "v1" } });
    await moveLabel({ ctx: w.ctx, input: { slug, label: "production", version: 1, reason: "ship" } });
  }
  // A prompt nothing is promoted to: `pull` with no slugs leaves it out.
  await createPrompt({ ctx: w.ctx, input: { slug: uniq("draft"), type: "text", content: "wip", message: "v1" } });
  const { key } = await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes: ["prompts:read"] } });
  return { ...w, a, b, key, cwd: await mkdtemp(path.join(tmpdir(), "py-cli-")) };
}

describe("promptyard pull / status", () => {
  it("pull writes the lockfile; status exits 0 in sync, 1 on drift (behind, modified), 0 again after pull", async () => {
    const { ctx, a, b, key, cwd } = await setup();
    let r = await run(["pull"], { cwd, key });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("2 prompts at production");
    const file = path.join(cwd, "promptyard.lock.json");
    const lock = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(lock.prompts).sort()).toEqual([a, b].sort());
    expect(lock.prompts[a]).toMatchObject({ version: 1, semver: "1.0.0", label: "production", type: "text", content: `${a} says {{x}}` });

    // The SDK serves it with no request.
    const before = server.requests;
    const py = createClient({ baseUrl: server.url, apiKey: key, lockfile: lock });
    expect((await py.getPrompt(a)).source).toBe("lockfile");
    expect(server.requests).toBe(before);

    r = await run(["status"], { cwd, key });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("All 2 prompts in sync.");

    await commitVersion({ ctx, input: { slug: a, content: "changed {{x}}", message: "v2" } });
    await moveLabel({ ctx, input: { slug: a, label: "production", version: 2, reason: "ship v2" } });
    r = await run(["status", "--json"], { cwd, key });
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.ok).toBe(false);
    expect(body.prompts.find((p: { slug: string }) => p.slug === a)).toMatchObject({ state: "behind", locked: 1, server: 2 });
    expect(body.prompts.find((p: { slug: string }) => p.slug === b)).toMatchObject({ state: "in sync" });

    r = await run(["pull", a], { cwd, key });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`1 changed (${a})`);
    expect((await run(["status"], { cwd, key })).code).toBe(0);

    // Someone edits the lockfile by hand: status says "modified", exit 1.
    const edited = JSON.parse(await readFile(file, "utf8"));
    edited.prompts[b].content = "hand edited {{x}}";
    await writeFile(file, JSON.stringify(edited));
    r = await run(["status", "--report", "--deployment", "ci-web"], { cwd, key });
    expect(r.code).toBe(1);
    const deps = await listDeployments({ ctx, input: { prompt: b } });
    expect(deps.find((d) => d.name === "ci-web")).toMatchObject({ source: "ci", environment: "production", prompts: [{ slug: b, status: "unknown_content" }] });
    expect((await run(["status", "--report"], { cwd, key })).code).toBe(2);
    r = await run(["status"], { cwd, key });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${b.replace("/", "\\/")}\\s+modified`));
  });

  it("exit 2: no lockfile, unknown slug, no key, bad key, unreachable server, unknown flag; --help is 0", async () => {
    const { key, cwd } = await setup();
    let r = await run(["status"], { cwd, key });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("run `promptyard pull` first");
    r = await run(["pull", "no-such-prompt"], { cwd, key });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no-such-prompt");
    expect((await run(["pull"], { cwd })).code).toBe(2);
    r = await run(["pull"], { cwd, key: "pyk_not_a_real_key_000000000000" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("401");
    r = await run(["pull"], { cwd, key, url: "http://127.0.0.1:9" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Cannot reach");
    expect((await run(["pull", "--lable", "x"], { cwd, key })).code).toBe(2);
    for (const cmd of ["pull", "status", "verify-audit"]) {
      r = await run([cmd, "--help"], { cwd, key });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`promptyard ${cmd}`);
    }
  });
});
