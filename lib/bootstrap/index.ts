import "server-only";
import { getDatabase, setDatabase, type Database } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { demoEnabled, getEnv, type Env } from "@/lib/env";
import { ensureDemo, DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from "./demo";
import { runHeadlessInit } from "./headless-init";

export { ensureDemo, runHeadlessInit, DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE };

/** Start-up: open the database, migrate, headless init, demo. Every step is idempotent. */
export async function bootstrap(env: Env = getEnv(), log: (line: string) => void = console.log): Promise<Database> {
  const database = getDatabase();
  setDatabase(database);
  const t0 = Date.now();
  await migrateDatabase(database);
  log(`[promptyard] database ${database.kind} ready, migrations applied (${Date.now() - t0} ms)`);
  const init = await runHeadlessInit(database.db, env);
  if (init.ran) {
    log(`[promptyard] headless init: ${env.PROMPTYARD_INIT_USER_EMAIL} owns workspace "${init.workspace}"` + (init.apiKeyCreated ? ", API key stored" : ""));
  }
  if (demoEnabled(env)) {
    const demo = await ensureDemo(database.db);
    log(`[promptyard] demo workspace "${demo.workspace}": sign in as ${DEMO_USERS[0]!.email} / ${DEMO_PASSWORD} (also ${DEMO_USERS.slice(1).map((u) => `${u.email} as ${u.role}`).join(", ")}, same password)`);
  }
  return database;
}
