import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

/** Starts lib/test/second-instance.ts in a child process (tsx, server-only shim) and resolves with its base URL. */
export async function startSecondInstance(env: { databaseUrl: string; redisUrl: string; channel: string }) {
  const root = path.resolve(__dirname, "../..");
  const child = spawn(process.execPath, ["--require", "./scripts/server-only-shim.cjs", "--import", "tsx", "lib/test/second-instance.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, EVENTS_CHANNEL: env.channel, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second instance did not start in 30 s: ${stderr}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`second instance exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once("exit", () => r()), child.kill("SIGTERM")))),
  };
}
