import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { commitDraft, readLiveDraft, resetDraftToVersion } from "@/lib/drafts";
import { createPrompt } from "@/lib/prompts";
import { checkDraftShape, createMessage, draftParts, initDraft, readDraft, resetDraft } from "@/lib/realtime/draft-model";
import { probeUpdate } from "@/lib/realtime/guard-update";
import { promptDocName } from "@/lib/realtime/token";
import { uniq, usingPostgres } from "@/lib/test/db";
import { expectAppError } from "@/lib/test/expect";
import { addMember } from "@/lib/test/factories";
import { promptFixture, realtimeHarness, storedDraft, waitFor } from "./helpers";

const rt = realtimeHarness();
const { start, client } = rt;

async function chatFixture() {
  const f = await promptFixture(rt.database);
  const { prompt } = await createPrompt({
    ctx: f.ctx,
    input: { slug: uniq("chat"), type: "chat", content: [{ role: "system", content: "Be brief." }, { role: "user", content: "{{q}}" }], message: "first" },
  });
  return { ...f, chat: prompt, chatDoc: promptDocName(prompt.id) };
}

describe("draft shape (pure)", () => {
  it("readers tolerate a bad shape already stored, the check names it, and a reset repairs it", () => {
    const doc = new Y.Doc();
    initDraft(doc, { type: "chat", content: [{ role: "user", content: "hi" }], baseVersion: 1, baseSemver: "1.0.0" });
    const { messages } = draftParts(doc);
    (messages as unknown as Y.Array<unknown>).push(["a plain string"]);
    expect(() => readDraft(doc)).not.toThrow();
    expect(readDraft(doc).content).toEqual([{ role: "user", content: "hi" }, { role: "user", content: "a plain string" }]);
    expect(checkDraftShape(doc)).toBe("messages[1] must be a message (role and content)");

    resetDraft(doc, { type: "chat", content: [{ role: "system", content: "fresh" }], baseVersion: 2, baseSemver: "1.1.0" });
    expect(checkDraftShape(doc)).toBeNull();
    expect(readDraft(doc)).toMatchObject({ type: "chat", content: [{ role: "system", content: "fresh" }], baseVersion: 2 });
  });

  it("a reset rewrites well-formed messages in place, so editors bound to their texts stay bound", () => {
    const doc = new Y.Doc();
    initDraft(doc, { type: "chat", content: [{ role: "system", content: "old system" }, { role: "user", content: "old user" }, { role: "user", content: "extra" }], baseVersion: 3, baseSemver: "1.2.0" });
    const { messages } = draftParts(doc);
    const firstText = messages.get(0).get("content");
    resetDraft(doc, { type: "chat", content: [{ role: "system", content: "v2 system" }, { role: "assistant", content: "v2 reply" }], baseVersion: 2, baseSemver: "1.1.0" });
    expect(messages.get(0).get("content")).toBe(firstText);
    expect(readDraft(doc)).toMatchObject({ content: [{ role: "system", content: "v2 system" }, { role: "assistant", content: "v2 reply" }], baseVersion: 2, baseSemver: "1.1.0" });
    expect(checkDraftShape(doc)).toBeNull();
  });

  it.each([
    ["an unknown root", (d: Y.Doc) => d.getMap("evil").set("x", 1), 'unknown part "evil"'],
    ["a bad meta.type", (d: Y.Doc) => draftParts(d).meta.set("type", "html"), "meta.type must be text or chat"],
    ["a role outside system/user/assistant", (d: Y.Doc) => draftParts(d).messages.push([createMessage("tool", "x")]), "messages[1].role must be system, user or assistant"],
    ["a number in stop", (d: Y.Doc) => draftParts(d).config.set("stop", [1]), "config.stop must be a list of strings"],
    ["an embed in the text", (d: Y.Doc) => draftParts(d).content.insertEmbed(0, { x: 1 }), "content must be text"],
  ])("refuses %s", (_what, mutate, problem) => {
    const doc = new Y.Doc();
    initDraft(doc, { type: "chat", content: [{ role: "user", content: "hi" }], baseVersion: 1, baseSemver: "1.0.0" });
    expect(checkDraftShape(doc)).toBeNull();
    mutate(doc);
    expect(checkDraftShape(doc)).toBe(problem);
  });
});

describe("probeUpdate", () => {
  /** Server doc loaded from stored updates (untyped roots, as after a restart), and an editor's copy. */
  function pair() {
    const seed = new Y.Doc();
    initDraft(seed, { type: "chat", content: [{ role: "system", content: "Be brief." }, { role: "user", content: "{{q}}" }], baseVersion: 1, baseSemver: "1.0.0" });
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(seed));
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(seed));
    const updates: Uint8Array[] = [];
    editor.on("update", (u: Uint8Array) => updates.push(u));
    return { server, editor, updates };
  }
  const deliver = (server: Y.Doc, updates: Uint8Array[]) =>
    updates.splice(0).map((u) => {
      const problem = probeUpdate(server, u);
      if (!problem) Y.applyUpdate(server, u);
      return problem;
    });

  it("accepts typing and deleting inside messages, adding and removing messages, and config edits", () => {
    const { server, editor, updates } = pair();
    const { messages, config } = draftParts(editor);
    const first = messages.get(0).get("content") as Y.Text;
    for (let i = 0; i < 50; i++) first.insert((i * 13) % (first.length + 1), "ab");
    first.delete(2, 10);
    messages.push([createMessage("assistant", "Sure.")]);
    messages.delete(1, 1);
    config.set("temperature", 0.2);
    config.set("stop", ["END"]);
    expect(deliver(server, updates).filter(Boolean)).toEqual([]);
    expect(readDraft(server)).toEqual(readDraft(editor));
  });

  it("refuses a string pushed into messages and a role nobody can send, and the server's draft is untouched", () => {
    const { server, editor, updates } = pair();
    const before = readDraft(server);
    (draftParts(editor).messages as unknown as Y.Array<unknown>).push(["plain"]);
    expect(deliver(server, updates)).toEqual(["messages[2] must be a message (role and content)"]);
    const { editor: e2, server: s2, updates: u2 } = pair();
    (draftParts(e2).messages.get(0) as Y.Map<unknown>).set("role", "root");
    expect(deliver(s2, u2)).toEqual(["messages[0].role must be system, user or assistant"]);
    expect(readDraft(server)).toEqual(before);
  });
});

describe(`draft shape over the wire (${usingPostgres() ? "postgres" : "pglite"})`, () => {
  it("an update that pushes a string into messages is refused: not applied, stored nor relayed; the draft still commits", async () => {
    const f = await chatFixture();
    const server = await start();
    const bad = client(server.url, f.chatDoc, f.token(f.owner.id, "owner", f.chatDoc));
    const good = client(server.url, f.chatDoc, f.token(f.owner.id, "owner", f.chatDoc));
    await Promise.all([bad.synced, good.synced]);
    await waitFor(() => good.doc.getArray("messages").length === 2, "both clients have the draft");

    bad.doc.getArray("messages").push(["a plain string"]);
    await waitFor(() => bad.closes.includes(4422), "the server closes the offending connection with 4422");
    bad.provider.disconnect(); // the stock client would reconnect and resend its state; the app's client stops

    // A later, well-formed edit from the other client still flows, and the draft stays usable for everyone.
    good.doc.transact(() => (draftParts(good.doc).messages.get(0).get("content") as Y.Text).insert(0, "OK "));
    await waitFor(async () => JSON.stringify((await readLiveDraft({ ctx: f.ctx, input: { slug: f.chat.slug } })).content).includes("OK Be brief."), "the good edit lands");
    expect(good.doc.getArray("messages").toArray().every((m) => m instanceof Y.Map)).toBe(true);
    await server.rt.flush();
    expect((await storedDraft(rt.database, f.chatDoc, f.ws.id)).content).toEqual([
      { role: "system", content: "OK Be brief." },
      { role: "user", content: "{{q}}" },
    ]);
    const committed = await commitDraft({ ctx: f.ctx, input: { slug: f.chat.slug, message: "after a refused update" } });
    expect(committed.version.number).toBe(2);
  });

  it("an update that flips a text draft to chat is refused", async () => {
    const f = await promptFixture(rt.database, "Hello");
    const server = await start();
    const c = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await c.synced;
    await waitFor(() => c.text.toString() === "Hello", "synced");
    draftParts(c.doc).meta.set("type", "chat");
    await waitFor(() => c.closes.includes(4422), "refused with 4422");
    c.provider.disconnect();
    expect((await readLiveDraft({ ctx: f.ctx, input: { slug: f.prompt.slug } })).type).toBe("text");
  });

  it("an admin resets a draft to a version for everyone connected; an editor may not", async () => {
    const f = await promptFixture(rt.database, "Version one");
    const server = await start();
    const c = client(server.url, f.docName, f.token(f.owner.id, "owner"));
    await c.synced;
    await waitFor(() => c.text.toString() === "Version one", "synced");
    c.text.insert(c.text.length, " plus unsaved edits");
    await waitFor(async () => (await readLiveDraft({ ctx: f.ctx, input: { slug: f.prompt.slug } })).content === "Version one plus unsaved edits", "edit on server");

    const editor = await addMember(rt.database, f.ctx, "editor");
    await expectAppError(resetDraftToVersion({ ctx: editor.ctx, input: { slug: f.prompt.slug, version: 1 } }), "forbidden");
    expect(c.text.toString()).toBe("Version one plus unsaved edits");

    await resetDraftToVersion({ ctx: f.ctx, input: { slug: f.prompt.slug, version: 1 } });
    await waitFor(() => c.text.toString() === "Version one", "the client sees the reset");
    expect((await storedDraft(rt.database, f.docName, f.ws.id)).content).toBe("Version one");
  });
});
