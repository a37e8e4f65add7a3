import { invalidInput, isAppError } from "@/lib/errors";
import type { ChatMessage, PromptContent } from "./types";

/**
 * Runs `fn` on every template in the content (the text, or each message's content). Errors are prefixed with the
 * message they come from, because "Unclosed section" alone is useless in a 12-message chat prompt.
 */
export function mapTemplates<T>(content: PromptContent, fn: (template: string, index: number) => T): T[] {
  if (typeof content === "string") return [fn(content, 0)];
  if (!Array.isArray(content)) throw invalidInput("Content must be a string (text prompt) or a list of messages (chat prompt).");
  return content.map((message: ChatMessage, i) => {
    if (typeof message?.content !== "string") throw invalidInput(`message ${i + 1}: content must be a string.`);
    try {
      return fn(message.content, i);
    } catch (e) {
      if (isAppError(e) && e.code === "invalid_input") throw invalidInput(`message ${i + 1} (${message.role}): ${e.message}`);
      throw e;
    }
  });
}
