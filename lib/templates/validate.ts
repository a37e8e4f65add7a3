import { mapTemplates } from "./content";
import { parseTemplate } from "./parse";
import type { PromptContent } from "./types";

/** Throws invalidInput naming the first problem (and, for chat, the message: "message 2 (user): ..."). */
export function validateTemplate(content: PromptContent): void {
  mapTemplates(content, parseTemplate);
}
