import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase, type Database } from "@/db/client";
import { createApiKey } from "@/lib/api-keys";
import { startEventDispatcher, stopEventDispatcher, subscribe, type EventOf } from "@/lib/events";
import { moveLabel } from "@/lib/labels";
import { commitVersion, createPrompt, listVersions } from "@/lib/prompts";
import { setApiKeyLimiter } from "@/lib/rate-limit";
import { createTestDatabase, uniq, usingPostgres } from "@/lib/test/db";
import { makeWorkspace } from "@/lib/test/factories";
import { apiRequest } from "@/lib/test/api";
import * as heartbeatRoute from "@/app/api/v1/deployments/heartbeat/route";
import * as deploymentsRoute from "@/app/api/v1/deployments/route";
import { checkDrift } from "../drift";

let database: Database;
const fired: EventOf<"drift.detected">[] = [];
let off: () => void;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  setApiKeyLimiter(null);
  await startEventDispatcher({ db: database.db, pollIntervalMs: 3_600_000 });
  off = subscribe("drift.detected", (e) => void fired.push(e), "test.drift");
});
afterAll(async () => {
  off?.();
  await stopEventDispatcher();
  await database?.close();
});

async function setup() {
  const w = await makeWorkspace(database);
  const slug = `support/${uniq("reply")}`;
  await createPrompt({ ctx: w.ctx, input: { slug, type: "text", content: "Hello {{name}}", message: "v1" } });
  await commitVersion({ ctx: w.ctx, input: { slug, content: "Hi {{name}}!", message: "v2" } });
  await moveLabel({ ctx: w.ctx, input: { slug, label: "production", version: 2, reason: "ship" } });
  const versions = await listVersions({ ctx: w.ctx, slug });
  const hash = (n: number) => versions.find((v: { number: number }) => v.number === n)!.hash as string;
  const { key } = await createApiKey({ ctx: w.ctx, input: { name: uniq("k"), scopes: ["prompts:read"] } });
  return { ...w, slug, key, hash };
}

const heartbeat = async (key: string, body: unknown) => {
  const res = await heartbeatRoute.POST(apiRequest("POST", "/deployments/heartbeat", key, body));
  return { status: res.status, body: await res.json() };
};

describe(`drift (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("in sync, behind (which version), unknown content; a label move makes a deployment behind without a heartbeat", async () => {
    const { ctx, slug, key, hash } = await setup();
    let r = await heartbeat(key, { deployment: "web", environment: "production", prompts: [{ slug, label: "production", hash: hash(2) }] });
    expect(r.status).toBe(200);
    expect(r.body.prompts[0]).toMatchObject({ slug, status: "in_sync", reportedVersion: 2, expectedVersion: 2, driftSince: null });

    r = await heartbeat(key, { deployment: "worker", environment: "production", prompts: [{ slug, label: "production", version: 1, hash: hash(1) }] });
    expect(r.body.prompts[0]).toMatchObject({ status: "behind", reportedVersion: 1, expectedVersion: 2 });
    expect(r.body.prompts[0].driftSince).not.toBeNull();

    r = await heartbeat(key, { deployment: "cron", environment: "production", prompts: [{ slug, label: "production", version: 2, hash: "f".repeat(64) }] });
    expect(r.body.prompts[0]).toMatchObject({ status: "unknown_content", reportedVersion: null, expectedVersion: 2 });

    await moveLabel({ ctx, input: { slug, label: "production", version: 1, reason: "rollback" } });
    const res = await deploymentsRoute.GET(apiRequest("GET", `/deployments?prompt=${encodeURIComponent(slug)}`, key));
    const list = (await res.json()).deployments as { name: string; silent: boolean; prompts: { status: string; expectedVersion: number }[] }[];
    const byName = Object.fromEntries(list.map((d) => [d.name, d]));
    expect(byName.web!.prompts[0]).toMatchObject({ status: "behind", expectedVersion: 1 });
    expect(byName.worker!.prompts[0]).toMatchObject({ status: "in_sync" });
    expect(byName.cron!.prompts[0]).toMatchObject({ status: "unknown_content" });
    expect(list.every((d) => !d.silent)).toBe(true);
  });

  it("bad reports are 400s naming the field; another workspace sees none of it", async () => {
    const { slug, key, hash } = await setup();
    let r = await heartbeat(key, { deployment: "web", prompts: [{ slug, hash: "nothex" }] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("prompts.hash");
    r = await heartbeat(key, { prompts: [] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("deployment");
    await heartbeat(key, { deployment: "web", prompts: [{ slug, hash: hash(2) }] });
    const other = await setup();
    const res = await deploymentsRoute.GET(apiRequest("GET", "/deployments", other.key));
    expect((await res.json()).deployments).toEqual([]);
  });

  it("drift.detected fires once after the alert delay, and again only after an in-sync spell", async () => {
    const { slug, key, hash } = await setup();
    const name = uniq("svc");
    const mine = () => fired.filter((e) => e.deployment === name);
    await heartbeat(key, { deployment: name, environment: "production", prompts: [{ slug, label: "production", hash: hash(1) }] });
    const t0 = Date.now();
    await checkDrift(database.db, { now: new Date(t0 + 1_000), alertMs: 10 * 60_000 });
    expect(mine()).toHaveLength(0); // drifting, but not for long enough
    await checkDrift(database.db, { now: new Date(t0 + 11 * 60_000), alertMs: 10 * 60_000 });
    await checkDrift(database.db, { now: new Date(t0 + 12 * 60_000), alertMs: 10 * 60_000 });
    await checkDrift(database.db, { now: new Date(t0 + 13 * 60_000), alertMs: 10 * 60_000 });
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ slug, status: "behind", reportedVersion: 1, expectedVersion: 2, environment: "production" });

    // Back in sync (deployed v2), then behind again: a new drift, a new alert.
    await heartbeat(key, { deployment: name, environment: "production", prompts: [{ slug, label: "production", hash: hash(2) }] });
    await checkDrift(database.db, { now: new Date(t0 + 14 * 60_000), alertMs: 10 * 60_000 });
    expect(mine()).toHaveLength(1);
    await heartbeat(key, { deployment: name, environment: "production", prompts: [{ slug, label: "production", hash: "e".repeat(64) }] });
    await checkDrift(database.db, { now: new Date(Date.now() + 11 * 60_000), alertMs: 10 * 60_000 });
    expect(mine()).toHaveLength(2);
    expect(mine()[1]).toMatchObject({ status: "unknown_content" });
  });
});
