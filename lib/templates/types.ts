/*
 * Mirrors of the content types in db/schema/prompts.ts. Declared here (structurally identical) because this module
 * is shared with client code and must not import db/; callers passing the db types keep the two in sync via tsc.
 */
export type ChatRole = "system" | "user" | "assistant";
export type ChatMessage = { role: ChatRole; content: string };
export type PromptContent = string | ChatMessage[];

/** A `{{> slug}}` or `{{> slug@label}}` reference; `raw` is exactly what is written (trimmed) and keys the partials. */
export interface Include {
  slug: string;
  label?: string;
  raw: string;
}

/** Component texts keyed by raw include; a plain string or anything carrying `content`. */
export type Components = ReadonlyMap<string, string | { content: string }>;
