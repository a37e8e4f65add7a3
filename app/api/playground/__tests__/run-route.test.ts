import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", async () => {
  const { getDb } = await import("@/db/client");
  const { loadWorkspaceForUser } = await import("@/lib/workspaces");
  return {
    getSessionUser: async () => session.user,
    sessionWorkspace: async (slug: string) => ({ user: session.user!, ctx: await loadWorkspaceForUser(getDb(), session.user!.id, slug) }),
  };
});

import { eq } from "drizzle-orm";
import { setDatabase, type Database } from "@/db/client";
import { generations } from "@/db/schema";
import { createPrompt } from "@/lib/prompts";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { addMember, makeWorkspace } from "@/lib/test/factories";
import * as runRoute from "../run/route";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});
afterAll(() => database?.close());

describe("POST /api/playground/run", () => {
  it("refuses a viewer with 403 JSON before any stream opens", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const { prompt } = await createPrompt({ ctx, input: { slug: uniq("p"), type: "text", content: "Hi", message: "m" } });
    const viewer = await addMember(database, ctx, "viewer");
    session.user = { id: viewer.user.id, email: viewer.user.email, name: viewer.user.name };
    const res = await runRoute.POST(
      new Request("http://localhost/api/playground/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ workspace: ws.slug, prompt: prompt.slug, source: { kind: "version", version: 1 }, model: "local/fixture-model" }),
      }),
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect((await res.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/editor/) });
  });

  it("refuses a viewer's free-form run with 403 JSON before any stream opens, and stores nothing", async () => {
    const { ctx, ws } = await makeWorkspace(database);
    const viewer = await addMember(database, ctx, "viewer");
    session.user = { id: viewer.user.id, email: viewer.user.email, name: viewer.user.name };
    const res = await runRoute.POST(
      new Request("http://localhost/api/playground/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ workspace: ws.slug, source: { kind: "freeform", type: "text", content: "Hi {{x}}" }, model: "local/fixture-model", variables: { x: "1" } }),
      }),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "forbidden" });
    const rows = await database.db.select().from(generations).where(eq(generations.workspaceId, ws.id));
    expect(rows).toHaveLength(0);
  });
});
