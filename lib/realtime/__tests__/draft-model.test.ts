import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createMessage, draftParts, initDraft, readDraft, rebaseDraft, type DraftInit } from "@/lib/realtime/draft-model";

const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };

function roundTrip(init: DraftInit) {
  const doc = new Y.Doc();
  initDraft(doc, init);
  // Through the wire, as a client would see it.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return { doc, copy, draft: readDraft(copy) };
}

describe("draft model", () => {
  it("round-trips a text prompt with a full config", () => {
    const init: DraftInit = {
      type: "text",
      content: "Summarise {{doc}} in {{n}} words.",
      config: { model: "openai/gpt-4o-mini", temperature: 0.2, maxTokens: 300, topP: 0.9, stop: ["###", "END"], responseSchema: schema },
      baseVersion: 3,
      baseSemver: "1.2.0",
    };
    const { copy, draft } = roundTrip(init);
    expect(draft).toEqual(init);
    expect(draftParts(copy).content).toBeInstanceOf(Y.Text);
    expect(typeof draftParts(copy).config.get("responseSchema")).toBe("string"); // edited as JSON text
  });

  it("round-trips a chat prompt: one Y.Map per message with a Y.Text content", () => {
    const init: DraftInit = {
      type: "chat",
      content: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Hi {{name}}" },
      ],
      config: { model: "anthropic/claude" },
      baseVersion: 1,
      baseSemver: "1.0.0",
    };
    const { copy, draft } = roundTrip(init);
    expect(draft).toEqual(init);
    const messages = draftParts(copy).messages;
    expect(messages.length).toBe(2);
    expect(messages.get(1).get("content")).toBeInstanceOf(Y.Text);
    expect(readDraft(copy).content).toEqual(init.content);
  });

  it("omits empty config fields and reports a responseSchema that is not valid JSON", () => {
    const doc = new Y.Doc();
    initDraft(doc, { type: "text", content: "", baseVersion: 0, baseSemver: "" });
    const { config } = draftParts(doc);
    config.set("model", "");
    config.set("stop", []);
    config.set("temperature", null);
    config.set("responseSchema", "  ");
    expect(readDraft(doc)).toEqual({ type: "text", content: "", config: {}, baseVersion: 0, baseSemver: "" });
    config.set("responseSchema", "{ not json");
    config.set("maxTokens", "512");
    const draft = readDraft(doc);
    expect(draft.config).toEqual({ maxTokens: 512 });
    expect(draft.problems).toEqual(["config.responseSchema is not valid JSON."]);
  });

  it("reads concurrent edits of two replicas as one merged draft", () => {
    const a = new Y.Doc();
    initDraft(a, { type: "chat", content: [{ role: "user", content: "Hello" }], baseVersion: 1, baseSemver: "1.0.0" });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    (draftParts(a).messages.get(0).get("content") as Y.Text).insert(5, " there");
    draftParts(b).messages.push([createMessage("assistant", "Hi!")]);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readDraft(a)).toEqual(readDraft(b));
    expect(readDraft(a).content).toEqual([
      { role: "user", content: "Hello there" },
      { role: "assistant", content: "Hi!" },
    ]);
  });

  it("rebaseDraft moves the base version in one transaction and keeps the content", () => {
    const doc = new Y.Doc();
    initDraft(doc, { type: "text", content: "v1 text", baseVersion: 1, baseSemver: "1.0.0" });
    let updates = 0;
    doc.on("update", () => updates++);
    rebaseDraft(doc, { number: 2, semver: "1.1.0" });
    expect(updates).toBe(1);
    expect(readDraft(doc)).toMatchObject({ content: "v1 text", baseVersion: 2, baseSemver: "1.1.0" });
  });

  it("is deterministic for a fixed client id (identical seeds from two processes merge without duplicating text)", () => {
    const seed = (): Uint8Array => {
      const d = new Y.Doc();
      d.clientID = 1;
      initDraft(d, { type: "text", content: "Same", baseVersion: 1, baseSemver: "1.0.0" });
      return Y.encodeStateAsUpdate(d);
    };
    const merged = new Y.Doc();
    Y.applyUpdate(merged, seed());
    Y.applyUpdate(merged, seed());
    expect(readDraft(merged).content).toBe("Same");
  });
});
