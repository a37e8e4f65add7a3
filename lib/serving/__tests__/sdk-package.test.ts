import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { moveLabel } from "@/lib/labels";
import { commitVersion, createPrompt } from "@/lib/prompts";
import { setApiKeyLimiter } from "@/lib/rate-limit";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { startServingServer } from "@/lib/test/serving-server";

/**
 * promptyard/sdk as another project gets it: `npm run build:sdk`, then a project outside this repository with the
 * package under its node_modules, run by plain `node` (no tsx, no path aliases) as ESM and as CommonJS, and type-checked
 * by `tsc` with Node's own module resolution.
 */
const root = path.resolve(__dirname, "../../..");
let database: Database;
let project: string;

beforeAll(() => {
  const built = spawnSync(process.execPath, ["scripts/build-sdk.mjs"], { cwd: root, encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
  project = mkdtempSync(path.join(tmpdir(), "promptyard-consumer-"));
  mkdirSync(path.join(project, "node_modules"));
  symlinkSync(root, path.join(project, "node_modules/promptyard"), "dir");
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
}, 120_000);
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  setApiKeyLimiter(null);
});
afterAll(async () => {
  if (project) rmSync(project, { recursive: true, force: true });
  await database?.close();
});

/** Runs a file of the consumer project with plain node (asynchronously: the server answering it lives in this process). */
function run(file: string, env: Record<string, string>): Promise<{ status: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { cwd: project, env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, out: stdout.trim(), err: stderr }),
    );
  });
}

describe("promptyard/sdk built for other projects", () => {
  it("runs under plain node as ESM and as CommonJS against a real server", async () => {
    const { ctx } = await makeWorkspace(database);
    const slug = `support/${uniq("reply")}`;
    await createPrompt({ ctx, input: { slug, type: "text", content: "Hello {{name}}", message: "v1" } });
    await commitVersion({ ctx, input: { slug, content: "Hi {{name}}, {{#items}}[{{.}}]{{/items}}", message: "v2" } });
    await moveLabel({ ctx, input: { slug, label: "production", version: 2, reason: "ship" } });
    const { key } = await createApiKey({ ctx, input: { name: uniq("k"), scopes: ["prompts:read"] } });
    const server = await startServingServer();
    try {
      const body = `const py = createClient({ baseUrl: process.env.URL, apiKey: process.env.KEY });
const p = await py.getPrompt(process.env.SLUG);
console.log(JSON.stringify({ version: p.version, text: p.compile({ name: "Ada", items: ["a", "b"] }), hash: p.hash }));`;
      writeFileSync(path.join(project, "esm.mjs"), `import { createClient } from "promptyard/sdk";\n${body}\n`);
      writeFileSync(path.join(project, "cjs.cjs"), `const { createClient } = require("promptyard/sdk");\n(async () => {\n${body}\n})();\n`);
      const env = { URL: server.url, KEY: key, SLUG: slug };
      for (const file of ["esm.mjs", "cjs.cjs"]) {
        const r = await run(file, env);
        expect(r.err, file).toBe("");
        expect(r.status, file).toBe(0);
        const got = JSON.parse(r.out) as { version: number; text: string; hash: string };
        expect(got.version, file).toBe(2);
        expect(got.text, file).toBe("Hi Ada, [a][b]");
        expect(got.hash, file).toMatch(/^[0-9a-f]{64}$/);
      }
    } finally {
      await server.kill();
    }
  }, 60_000);

  it("type-checks in a TypeScript project with Node's module resolution, and its types catch misuse", () => {
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", noEmit: true, skipLibCheck: false, types: [] }, files: ["app.mts"] }),
    );
    const tsc = (source: string) => {
      writeFileSync(path.join(project, "app.mts"), source);
      return spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    };
    const ok = tsc(`import { createClient, type ServedPrompt } from "promptyard/sdk";
const py = createClient({ baseUrl: "http://localhost:3000", apiKey: "pyk_x" });
export async function f(): Promise<string> {
  const p: ServedPrompt = await py.getPrompt("support/reply", { label: "production", fallback: "Hello {{name}}" });
  const out = p.compile({ name: "Ada" });
  return typeof out === "string" ? out : out.map((m) => m.content).join("\\n");
}
`);
    expect(ok.stdout + ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    const bad = tsc(`import { createClient } from "promptyard/sdk";\nexport const p = createClient({ baseUrl: 42 });\n`);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toContain("error TS2322: Type 'number' is not assignable to type 'string'");
  }, 60_000);
});
