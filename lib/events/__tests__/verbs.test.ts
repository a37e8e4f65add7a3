import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import type { WorkspaceCtx } from "@/lib/context";
import { EventBus, EventDispatcher, InProcessTransport, flushEvents, setDispatcher, type AppEvent } from "@/lib/events";
import { moveLabel, rollbackLabel } from "@/lib/labels";
import { changeRole, leaveWorkspace, removeMember } from "@/lib/members";
import { commitVersion, createPrompt, revertToVersion, setPromptArchived } from "@/lib/prompts";
import { uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import { createIsolatedDatabase } from "@/lib/test/isolated-db";

let database: Database;
let dispatcher: EventDispatcher;
let events: AppEvent[] = [];
let ws: { ctx: WorkspaceCtx };

beforeAll(async () => {
  database = await createIsolatedDatabase();
});
beforeEach(async () => {
  ws = await makeWorkspace(database);
  events = [];
  const bus = new EventBus();
  bus.subscribe("*", (e) => {
    if (e.workspaceId === ws.ctx.workspace.id) events.push(e);
  });
  // The process-wide dispatcher the verbs flush, as server.ts installs it (no poll: only flushes deliver here).
  dispatcher = new EventDispatcher({ db: database.db, transport: new InProcessTransport(bus), pollIntervalMs: 3_600_000 });
  setDispatcher(dispatcher);
});
afterEach(async () => {
  setDispatcher(undefined);
  await dispatcher.stop();
});
afterAll(() => database?.close());

const types = () => events.map((e) => e.type);

// Every assertion below runs right after the verb returns, without flushing: the verb itself waited for delivery.
describe(`the verbs emit their events, delivered before they return (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("createPrompt, commitVersion and revertToVersion emit version.created (which moves latest)", async () => {
    const { ctx } = ws;
    const slug = uniq("p");
    const created = await createPrompt({ ctx, input: { slug, type: "text", content: "Hello {{name}}", message: "v1" } });
    expect(events).toEqual([
      {
        type: "version.created",
        workspaceId: ctx.workspace.id,
        promptId: created.prompt.id,
        slug,
        versionId: created.version.id,
        version: 1,
        semver: created.version.semver,
        hash: created.version.hash,
        previousLatest: null,
      },
    ]);
    const v2 = await commitVersion({ ctx, input: { slug, content: "Hi {{name}}", message: "v2" } });
    expect(events[1]).toMatchObject({ type: "version.created", slug, version: 2, versionId: v2.version.id, previousLatest: 1 });
    await revertToVersion({ ctx, input: { slug, version: 1 } });
    expect(events[2]).toMatchObject({ type: "version.created", version: 3, previousLatest: 2 });
    // A commit that fails (nothing changed) emits nothing.
    await expectAppError(commitVersion({ ctx, input: { slug, content: "Hello {{name}}", message: "same" } }), "conflict");
    expect(events).toHaveLength(3);
  });

  it("moveLabel and rollbackLabel emit label.moved with from/to; a no-op move emits nothing", async () => {
    const { ctx } = ws;
    const slug = uniq("p");
    const { prompt } = await createPrompt({ ctx, input: { slug, type: "text", content: "one", message: "v1" } });
    await commitVersion({ ctx, input: { slug, content: "two", message: "v2" } });
    events = [];
    const first = await moveLabel({ ctx, input: { slug, label: "production", version: 1, reason: "ship" } });
    expect(events).toEqual([
      { type: "label.moved", workspaceId: ctx.workspace.id, promptId: prompt.id, slug, label: "production", fromVersion: null, toVersion: 1, kind: "promote", labelEventId: first.eventId },
    ]);
    await moveLabel({ ctx, input: { slug, label: "production", version: 2, reason: "ship v2" } });
    await moveLabel({ ctx, input: { slug, label: "production", version: 2, reason: "again" } }); // unchanged
    await rollbackLabel({ ctx, input: { slug, label: "production" } });
    expect(events.slice(1).map((e) => e.type === "label.moved" && [e.fromVersion, e.toVersion, e.kind])).toEqual([
      [1, 2, "promote"],
      [2, 1, "rollback"],
    ]);
    await expectAppError(moveLabel({ ctx, input: { slug, label: "production", version: 9, reason: "nope" } }), "not_found");
    expect(events).toHaveLength(3);
  });

  it("setPromptArchived emits prompt.archived / prompt.unarchived on a real change only", async () => {
    const { ctx } = ws;
    const slug = uniq("p");
    const { prompt } = await createPrompt({ ctx, input: { slug, type: "text", content: "x", message: "v1" } });
    events = [];
    await setPromptArchived({ ctx, input: { slug, archived: true } });
    await setPromptArchived({ ctx, input: { slug, archived: true } });
    await setPromptArchived({ ctx, input: { slug, archived: false } });
    expect(events).toEqual([
      { type: "prompt.archived", workspaceId: ctx.workspace.id, promptId: prompt.id, slug },
      { type: "prompt.unarchived", workspaceId: ctx.workspace.id, promptId: prompt.id, slug },
    ]);
  });

  it("revokeApiKey emits api_key.revoked with the id and prefix, never the key or its hash", async () => {
    const { ctx } = ws;
    const { key, apiKey } = await createApiKey({ ctx, input: { name: "ci", scopes: ["prompts:read"] } });
    await revokeApiKey({ ctx, input: { id: apiKey.id } });
    expect(events).toEqual([{ type: "api_key.revoked", workspaceId: ctx.workspace.id, keyId: apiKey.id, prefix: apiKey.prefix }]);
    expect(JSON.stringify(events)).not.toContain(key.slice(12));
  });

  it("removeMember and leaveWorkspace emit member.removed (self tells which)", async () => {
    const { ctx } = ws;
    const editor = await addMember(database, ctx, "editor");
    const viewer = await addMember(database, ctx, "viewer");
    await removeMember({ ctx, input: { userId: editor.user.id } });
    await leaveWorkspace({ ctx: viewer.ctx });
    expect(events).toEqual([
      { type: "member.removed", workspaceId: ctx.workspace.id, userId: editor.user.id, role: "editor", self: false },
      { type: "member.removed", workspaceId: ctx.workspace.id, userId: viewer.user.id, role: "viewer", self: true },
    ]);
  });

  it("changeRole emits member.role_changed only when the role really changes", async () => {
    const { ctx } = ws;
    const editor = await addMember(database, ctx, "editor");
    await changeRole({ ctx, input: { userId: editor.user.id, role: "viewer" } });
    await changeRole({ ctx, input: { userId: editor.user.id, role: "viewer" } });
    expect(events).toEqual([{ type: "member.role_changed", workspaceId: ctx.workspace.id, userId: editor.user.id, from: "editor", to: "viewer" }]);
  });

  it("inside a caller's transaction, delivery waits for the outer commit (the old remove.ts ran too early)", async () => {
    const { ctx } = ws;
    const editor = await addMember(database, ctx, "editor");
    const reviewer = await addMember(database, ctx, "reviewer");

    await database.db.transaction(async (tx) => {
      await removeMember({ ctx: { ...ctx, db: tx }, input: { userId: editor.user.id } });
      expect(types()).toEqual([]); // the verb returned, but nothing is committed: nothing delivered
    });
    expect(types()).toEqual([]); // committed; the outer caller flushes
    await flushEvents();
    expect(events).toEqual([expect.objectContaining({ type: "member.removed", userId: editor.user.id })]);

    await expect(
      database.db.transaction(async (tx) => {
        await removeMember({ ctx: { ...ctx, db: tx }, input: { userId: reviewer.user.id } });
        throw new Error("the outer work fails");
      }),
    ).rejects.toThrow(/outer work fails/);
    await flushEvents();
    expect(events).toHaveLength(1); // the rolled-back removal never reached a subscriber
  });
});
