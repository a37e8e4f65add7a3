import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { changeRole, removeMember } from "@/lib/members";
import { invalidateMembership } from "@/lib/realtime/registry";
import { usingPostgres } from "@/lib/test/db";
import { type Client, promptFixture, realtimeHarness, storedDraft, waitFor } from "./helpers";

const rt = realtimeHarness();
const { start, client } = rt;

/** Awareness travels on the same socket after the update: once the other side sees the marker, the server has handled the update. */
async function markAndWait(from: Client, to: Client, marker: string) {
  from.provider.awareness.setLocalStateField("marker", marker);
  await waitFor(() => [...to.provider.awareness.getStates().values()].some((s) => s.marker === marker), `awareness "${marker}" reaches the other client`);
}

describe(`realtime roles (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("a viewer's update never reaches the stored document or other clients, but the viewer's cursor does", async () => {
    const f = await promptFixture(rt.database, "Base");
    const viewer = await f.member("viewer");
    const server = await start();
    const ed = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const vw = client(server.url, f.docName, f.token(viewer.user.id, "viewer"));
    await Promise.all([ed.synced, vw.synced]);
    await waitFor(() => vw.text.toString() === "Base", "the viewer receives the document");

    vw.text.insert(0, "VIEWER ");
    vw.provider.awareness.setLocalStateField("cursor", { index: 3 });
    await markAndWait(vw, ed, "viewer-after-update");
    const viewerState = [...ed.provider.awareness.getStates().values()].find((s) => s.marker === "viewer-after-update");
    expect(viewerState?.cursor).toEqual({ index: 3 });

    ed.text.insert(ed.text.length, " EDITOR");
    await waitFor(() => vw.text.toString().includes("EDITOR"), "the editor's update reaches the viewer");
    await server.rt.flush();
    expect(ed.text.toString()).toBe("Base EDITOR");
    expect((await storedDraft(rt.database, f.docName, f.ws.id)).content).toBe("Base EDITOR");

    // A client joining now gets the server's state: the viewer's text is nowhere.
    const late = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await late.synced;
    await waitFor(() => late.text.toString() === "Base EDITOR", "a late client sees only the editor's text");
  });

  it("an editor demoted to viewer (changeRole + invalidateMembership) has the next update dropped, without reconnecting", async () => {
    const f = await promptFixture(rt.database, "");
    const editor = await f.member("editor");
    const server = await start({ membershipTtlMs: 60_000 }); // only invalidation can make this pass
    const owner = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const ed = client(server.url, f.docName, f.token(editor.user.id, "editor"));
    await Promise.all([owner.synced, ed.synced]);
    const socket = ed.provider.ws;

    ed.text.insert(0, "before ");
    await waitFor(() => owner.text.toString() === "before ", "the editor's first update arrives");

    await changeRole({ ctx: f.ctx, input: { userId: editor.user.id, role: "viewer" } });
    await invalidateMembership(f.ws.id, editor.user.id);

    ed.text.insert(ed.text.length, "after");
    await markAndWait(ed, owner, "demoted-after-update");
    await server.rt.flush();
    expect(owner.text.toString()).toBe("before ");
    expect((await storedDraft(rt.database, f.docName, f.ws.id)).content).toBe("before ");
    expect(ed.provider.ws).toBe(socket); // same connection, never dropped
    expect(ed.closes).toEqual([]);
  });

  it("a role change takes effect within the cache lifetime even when nobody calls invalidateMembership", async () => {
    const f = await promptFixture(rt.database, "");
    const editor = await f.member("editor");
    const server = await start({ membershipTtlMs: 300 });
    const owner = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const ed = client(server.url, f.docName, f.token(editor.user.id, "editor"));
    await Promise.all([owner.synced, ed.synced]);
    ed.text.insert(0, "ok ");
    await waitFor(() => owner.text.toString() === "ok ", "the first update arrives");

    await rt.database.db
      .update(memberships)
      .set({ role: "reviewer" })
      .where(and(eq(memberships.workspaceId, f.ws.id), eq(memberships.userId, editor.user.id)));
    await new Promise((r) => setTimeout(r, 400)); // past the 300 ms cache lifetime (not an assertion)
    ed.text.insert(ed.text.length, "late");
    await markAndWait(ed, owner, "after-ttl");
    expect(owner.text.toString()).toBe("ok ");
  });

  it("a removed member's connection is closed with 4403", async () => {
    const f = await promptFixture(rt.database, "");
    const editor = await f.member("editor");
    const server = await start({ membershipTtlMs: 60_000 });
    const ed = client(server.url, f.docName, f.token(editor.user.id, "editor"));
    await ed.synced;
    await removeMember({ ctx: f.ctx, input: { userId: editor.user.id } });
    await invalidateMembership(f.ws.id, editor.user.id);
    await waitFor(() => ed.closes.includes(4403), "the connection is closed with 4403");
    // Reconnecting with the same (still unexpired) token is refused: no longer a member.
    await waitFor(() => server.rt.stats().connections === 0, "no connection left");
  });

  it("a reviewer token is read-only even for a member whose current role is editor (the token is a ceiling)", async () => {
    const f = await promptFixture(rt.database, "");
    const editor = await f.member("editor");
    const server = await start();
    const owner = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    const rv = client(server.url, f.docName, f.token(editor.user.id, "reviewer"));
    await Promise.all([owner.synced, rv.synced]);
    rv.text.insert(0, "nope");
    await markAndWait(rv, owner, "reviewer-done");
    expect(owner.text.toString()).toBe("");
  });
});
