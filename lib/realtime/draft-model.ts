/**
 * The shape of a prompt draft inside a Y.Doc, shared by the server and the browser editor. Pure: imports yjs only.
 *
 *   meta      Y.Map   { type: "text" | "chat", baseVersion: number, baseSemver: string }
 *   content   Y.Text  (text prompts)
 *   messages  Y.Array<Y.Map { role: string, content: Y.Text }>  (chat prompts)
 *   config    Y.Map   { model, temperature, maxTokens, topP, stop: string[], responseSchema: JSON string }
 *
 * Use these functions with the yjs module instance that created the doc: a Y.Doc owned by server.ts must not be
 * read with the copy of yjs bundled into Next (types would clash); use the registry's `draft` helpers there.
 */
import * as Y from "yjs";

export type DraftType = "text" | "chat";
export interface DraftMessage {
  role: string;
  content: string;
}
export interface DraftConfig {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  responseSchema?: Record<string, unknown>;
}
export interface DraftInit {
  type: DraftType;
  content: string | DraftMessage[];
  config?: DraftConfig;
  baseVersion: number;
  baseSemver: string;
}
export interface Draft {
  type: DraftType;
  content: string | DraftMessage[];
  config: DraftConfig;
  baseVersion: number;
  baseSemver: string;
  /** Present only when something cannot be read back as-is (e.g. a responseSchema that is not valid JSON yet). */
  problems?: string[];
}

export const CONFIG_FIELDS = ["model", "temperature", "maxTokens", "topP", "stop", "responseSchema"] as const;

/** The shared types of a draft, for binding editors (y-monaco on `content` or a message's `content`). */
export function draftParts(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>("meta"),
    content: doc.getText("content"),
    messages: doc.getArray<Y.Map<unknown>>("messages"),
    config: doc.getMap<unknown>("config"),
  };
}

/** A chat message as a Y.Map, ready to insert into `messages`. */
export function createMessage(role: string, content: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set("role", role);
  m.set("content", new Y.Text(content));
  return m;
}

/** Writes a draft into an empty doc, in one transaction. Deterministic for a given doc.clientID and input. */
export function initDraft(doc: Y.Doc, init: DraftInit, origin: unknown = null): void {
  const { meta, content, messages, config } = draftParts(doc);
  doc.transact(() => {
    meta.set("type", init.type);
    meta.set("baseVersion", init.baseVersion);
    meta.set("baseSemver", init.baseSemver);
    if (init.type === "text") {
      const text = typeof init.content === "string" ? init.content : init.content.map((m) => m.content).join("\n\n");
      if (text) content.insert(0, text);
    } else {
      const list = typeof init.content === "string" ? [{ role: "user", content: init.content }] : init.content;
      if (list.length) messages.push(list.map((m) => createMessage(m.role, m.content)));
    }
    writeConfig(config, init.config ?? {});
  }, origin);
}

function writeConfig(config: Y.Map<unknown>, value: DraftConfig): void {
  for (const key of CONFIG_FIELDS) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    if (key === "responseSchema") config.set(key, JSON.stringify(v, null, 2));
    else if (key === "stop") config.set(key, [...(v as string[])]);
    else config.set(key, v);
  }
}

/** The draft as plain JSON: content by type, config with responseSchema parsed and empty fields omitted. */
export function readDraft(doc: Y.Doc): Draft {
  const { meta, content, messages, config } = draftParts(doc);
  const type: DraftType = meta.get("type") === "chat" ? "chat" : "text";
  const problems: string[] = [];
  const draft: Draft = {
    type,
    content: type === "text" ? content.toString() : (messages.toArray() as unknown[]).map(readMessage),
    config: readConfig(config, problems),
    baseVersion: typeof meta.get("baseVersion") === "number" ? (meta.get("baseVersion") as number) : 0,
    baseSemver: typeof meta.get("baseSemver") === "string" ? (meta.get("baseSemver") as string) : "",
  };
  if (problems.length) draft.problems = problems;
  return draft;
}

/** Tolerant: a message stored in a bad shape (before shape checks existed) reads as text, never throws. */
function readMessage(m: unknown): DraftMessage {
  if (!(m instanceof Y.Map)) return { role: "user", content: typeof m === "string" ? m : "" };
  const role = m.get("role");
  const content = m.get("content");
  return { role: typeof role === "string" ? role : "user", content: content instanceof Y.Text ? content.toString() : typeof content === "string" ? content : "" };
}

function readConfig(config: Y.Map<unknown>, problems: string[]): DraftConfig {
  const out: DraftConfig = {};
  for (const key of CONFIG_FIELDS) {
    let v = config.get(key);
    if (v instanceof Y.AbstractType) v = v.toJSON();
    if (v === undefined || v === null || v === "") continue;
    switch (key) {
      case "model":
        if (typeof v === "string" && v.trim()) out.model = v.trim();
        break;
      case "stop":
        if (Array.isArray(v)) {
          const stop = v.filter((s): s is string => typeof s === "string" && s !== "");
          if (stop.length) out.stop = stop;
        }
        break;
      case "responseSchema": {
        if (typeof v !== "string") {
          if (typeof v === "object" && !Array.isArray(v)) out.responseSchema = v as Record<string, unknown>;
          break;
        }
        if (!v.trim()) break;
        try {
          const parsed: unknown = JSON.parse(v);
          if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) out.responseSchema = parsed as Record<string, unknown>;
          else problems.push("config.responseSchema must be a JSON object.");
        } catch {
          problems.push("config.responseSchema is not valid JSON.");
        }
        break;
      }
      default: {
        const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
        if (Number.isFinite(n)) out[key] = n;
        else problems.push(`config.${key} must be a number.`);
      }
    }
  }
  return out;
}

/** After a commit: the draft now builds on `version`. One transaction, so every client sees it at once. */
export function rebaseDraft(doc: Y.Doc, version: { number: number; semver: string }, origin: unknown = null): void {
  const { meta } = draftParts(doc);
  doc.transact(() => {
    meta.set("baseVersion", version.number);
    meta.set("baseSemver", version.semver);
  }, origin);
}

const ROOTS = new Set(["meta", "content", "messages", "config"]);
const ROLES = new Set(["system", "user", "assistant"]);

/**
 * What is wrong with the draft's structure, or null. The server runs it on a copy of the draft with an incoming
 * update applied, and refuses the update (never stored, never relayed) when it answers a problem: one bad update
 * must not break the draft for everyone. Text inside Y.Text values is free; only structure and types are checked.
 */
export function checkDraftShape(doc: Y.Doc): string | null {
  for (const name of doc.share.keys()) if (!ROOTS.has(name)) return `unknown part "${name}"`;
  const { meta, content, messages, config } = draftParts(doc);
  const type = meta.get("type");
  if (type !== undefined && type !== "text" && type !== "chat") return "meta.type must be text or chat";
  const baseVersion = meta.get("baseVersion");
  if (baseVersion !== undefined && (typeof baseVersion !== "number" || !Number.isInteger(baseVersion) || baseVersion < 0)) return "meta.baseVersion must be a version number";
  const baseSemver = meta.get("baseSemver");
  if (baseSemver !== undefined && typeof baseSemver !== "string") return "meta.baseSemver must be a string";
  for (const key of meta.keys()) if (!["type", "baseVersion", "baseSemver"].includes(key)) return `unknown meta field "${key}"`;
  for (const d of content.toDelta() as { insert: unknown }[]) if (typeof d.insert !== "string") return "content must be text";
  const list = messages.toArray() as unknown[];
  for (const [i, m] of list.entries()) {
    if (!(m instanceof Y.Map)) return `messages[${i}] must be a message (role and content)`;
    for (const key of m.keys()) if (key !== "role" && key !== "content") return `messages[${i}] has an unknown field "${key}"`;
    const role = m.get("role");
    if (typeof role !== "string" || !ROLES.has(role)) return `messages[${i}].role must be system, user or assistant`;
    const text = m.get("content");
    if (!(text instanceof Y.Text)) return `messages[${i}].content must be text`;
    for (const d of text.toDelta() as { insert: unknown }[]) if (typeof d.insert !== "string") return `messages[${i}].content must be text`;
  }
  for (const key of config.keys()) {
    if (!(CONFIG_FIELDS as readonly string[]).includes(key)) return `unknown config field "${key}"`;
    const v = config.get(key);
    if (v === null || v === undefined) continue;
    if (key === "stop") {
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) return "config.stop must be a list of strings";
    } else if (key === "model" || key === "responseSchema") {
      if (typeof v !== "string") return `config.${key} must be a string`;
    } else if (typeof v !== "number" && typeof v !== "string") return `config.${key} must be a number`;
  }
  return null;
}

/**
 * Replaces the whole draft with `init` in one transaction (an owner's way out of a draft nobody can use, or a
 * plain "discard my edits"): every client sees it at once, and it is persisted like any edit. Texts and messages
 * that are still well-formed are rewritten in place rather than replaced, so editors bound to them (y-monaco)
 * stay bound; entries in a bad shape are removed.
 */
export function resetDraft(doc: Y.Doc, init: DraftInit, origin: unknown = null): void {
  const { meta, content, messages, config } = draftParts(doc);
  const setText = (t: Y.Text, value: string) => {
    if (t.toString() === value) return;
    if (t.length) t.delete(0, t.length);
    if (value) t.insert(0, value);
  };
  doc.transact(() => {
    for (const key of [...meta.keys()]) if (!["type", "baseVersion", "baseSemver"].includes(key)) meta.delete(key);
    meta.set("type", init.type);
    meta.set("baseVersion", init.baseVersion);
    meta.set("baseSemver", init.baseSemver);
    if (init.type === "text") {
      setText(content, typeof init.content === "string" ? init.content : init.content.map((m) => m.content).join("\n\n"));
      if (messages.length) messages.delete(0, messages.length);
    } else {
      if (content.length) content.delete(0, content.length);
      const wanted = typeof init.content === "string" ? [{ role: "user", content: init.content }] : init.content;
      // Drop entries readers can't use, keep the well-formed ones as long as they are needed.
      for (let i = messages.length - 1; i >= 0; i--) {
        const m = messages.get(i) as unknown;
        if (!(m instanceof Y.Map) || !(m.get("content") instanceof Y.Text) || i >= wanted.length) messages.delete(i, 1);
      }
      wanted.forEach((w, i) => {
        if (i < messages.length) {
          const m = messages.get(i);
          if (m.get("role") !== w.role) m.set("role", w.role);
          for (const key of [...m.keys()]) if (key !== "role" && key !== "content") m.delete(key);
          setText(m.get("content") as Y.Text, w.content);
        } else messages.push([createMessage(w.role, w.content)]);
      });
    }
    for (const key of [...config.keys()]) config.delete(key);
    writeConfig(config, init.config ?? {});
  }, origin);
}
