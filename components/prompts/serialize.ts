import type { PromptContent } from "@/lib/templates";

/** A readable text form of content for diffs: chat messages become "### role" blocks. */
export function contentToText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return (content as { role: string; content: string }[]).map((m) => `### ${m.role}\n${m.content}`).join("\n\n");
  return JSON.stringify(content, null, 2);
}

export function configToText(config: unknown): string {
  return JSON.stringify(config ?? {}, null, 2);
}

export type Snapshot = { number: number; semver: string; content: PromptContent | unknown; config: unknown; variables: string[] };
