import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { usingPostgres } from "@/lib/test/db";
import { connect, promptFixture, SECRET, waitFor, type Client } from "./helpers";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "realtime-server.ts");
const ROOT = path.resolve(import.meta.dirname, "../../..");
const children: ChildProcess[] = [];
const clients: Client[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Starts the fixture server in a child process; resolves with its port once it listens. */
function spawnServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--require", "./scripts/server-only-shim.cjs", "--import", "tsx", FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, REALTIME_SECRET: SECRET, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s\n${out}\n${err}`)), 30_000);
    child.stderr!.on("data", (d) => (err += d));
    child.stdout!.on("data", (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}\n${out}\n${err}`));
    });
  });
}

describe(`realtime crash safety (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("after kill -9, everything typed more than the flush window before the kill is there", { timeout: 90_000 }, async () => {
    const url = process.env.TEST_DATABASE_URL?.trim();
    const dir = mkdtempSync(path.join(tmpdir(), "promptyard-rt-crash-"));
    dirs.push(dir);
    const env: Record<string, string> = url ? { REALTIME_DATABASE_URL: url } : { REALTIME_DATA_DIR: dir };
    // Rows for the fixture; PGlite allows one process per data folder, so this handle closes before the child opens it.
    const setup: Database = url ? openDatabase({ url, max: 2 }) : openDatabase({ dataDir: dir });
    await migrateDatabase(setup);
    const f = await promptFixture(setup, "Seed.");
    await setup.close();

    const first = await spawnServer(env);
    const wsUrl = (port: number) => `ws://127.0.0.1:${port}/realtime`;
    const writer = connect(wsUrl(first.port), f.docName, f.token(f.owner.id, "owner"));
    const watcher = connect(wsUrl(first.port), f.docName, f.token(f.owner.id, "owner"));
    clients.push(writer, watcher);
    await Promise.all([writer.synced, watcher.synced]);
    for (const word of [" one", " two", " three", " four"]) {
      writer.text.insert(writer.text.length, word);
      await new Promise((r) => setTimeout(r, 5));
    }
    const typed = writer.text.toString();
    expect(typed).toBe("Seed. one two three four");
    await waitFor(() => watcher.text.toString() === typed, "the server has every edit");
    await new Promise((r) => setTimeout(r, 200)); // past the 100 ms flush window (not an assertion)

    const exited = new Promise((r) => first.child.once("exit", (_code, signal) => r(signal)));
    process.kill(first.child.pid!, "SIGKILL");
    expect(await exited).toBe("SIGKILL");
    for (const c of clients.splice(0)) c.destroy();

    const second = await spawnServer(env);
    const reader = connect(wsUrl(second.port), f.docName, f.token(f.owner.id, "owner"));
    clients.push(reader);
    await reader.synced;
    expect(reader.text.toString()).toBe(typed);
  });
});
