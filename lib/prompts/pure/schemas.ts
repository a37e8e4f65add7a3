import { z } from "zod";
import { labelProblem, slugProblem } from "@/lib/templates";
import type { ChatMessage } from "./types";

// Messages name their field: callers usually prefix the issue path ("config.temperature: ..."), but forms and logs
// sometimes show the bare message, which must still make sense on its own.
const CONFIG_KEYS = ["model", "temperature", "maxTokens", "topP", "stop", "responseSchema"];
const MAX_CONTENT_BYTES = 200 * 1024;
const MAX_MESSAGES = 100;
const CHAT_ROLES = ["system", "user", "assistant"] as const;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const between = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number.` })
    .min(min, `${field} must be between ${min} and ${max}.`)
    .max(max, `${field} must be between ${min} and ${max}.`);

/** Model settings of a version. Unknown keys are rejected (naming them) so typos do not silently do nothing. */
export const PromptConfigSchema = z.strictObject(
  {
    model: z.string({ error: "model must be a string." }).min(1, "model must not be empty.").max(200, "model must be at most 200 characters.").optional(),
    temperature: between("temperature", 0, 2).optional(),
    maxTokens: z
      .number({ error: "maxTokens must be a number." })
      .int("maxTokens must be a whole number.")
      .min(1, "maxTokens must be between 1 and 1000000.")
      .max(1_000_000, "maxTokens must be between 1 and 1000000.")
      .optional(),
    topP: between("topP", 0, 1).optional(),
    stop: z
      .array(
        z.string({ error: "Each stop sequence must be a string." }).min(1, "Stop sequences must not be empty.").max(100, "Each stop sequence must be at most 100 characters."),
        { error: "stop must be a list of strings." },
      )
      .max(8, "stop allows at most 8 sequences.")
      .optional(),
    // Shape only; validateResponseSchema checks that it is an actual JSON Schema.
    responseSchema: z.record(z.string(), z.unknown(), { error: "responseSchema must be a JSON object (a JSON Schema)." }).optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown config key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}. Allowed: ${CONFIG_KEYS.join(", ")}.`
        : issue.code === "invalid_type"
          ? "config must be a JSON object."
          : undefined,
  },
);

const TextContentSchema = z
  .string({ error: "A text prompt's content must be a string." })
  .refine((text) => utf8Length(text) <= MAX_CONTENT_BYTES, { error: (iss) => `Content is ${kib(utf8Length(iss.input as string))}; the limit is 200 KiB.` });

const ChatContentSchema = z
  .array(
    z.strictObject(
      {
        role: z.enum(CHAT_ROLES, { error: `role must be one of: ${CHAT_ROLES.join(", ")}.` }),
        content: z.string({ error: "Message content must be a string." }),
      },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `Messages only have "role" and "content" (got ${issue.keys.join(", ")}).` : "Each message must be an object with role and content.") },
    ),
    { error: "A chat prompt's content must be a list of messages." },
  )
  .min(1, "A chat prompt needs at least one message.")
  .max(MAX_MESSAGES, `A chat prompt can have at most ${MAX_MESSAGES} messages.`)
  .refine((messages) => total(messages) <= MAX_CONTENT_BYTES, {
    error: (iss) => `Messages total ${kib(total(iss.input as ChatMessage[]))}; the limit is 200 KiB.`,
  });

const total = (messages: ChatMessage[]) => messages.reduce((sum, m) => sum + utf8Length(m.content), 0);

/** The content schema for a prompt type: text is one string, chat 1-100 messages; either at most 200 KiB (UTF-8). */
export function PromptContentSchema(type: "text"): typeof TextContentSchema;
export function PromptContentSchema(type: "chat"): typeof ChatContentSchema;
export function PromptContentSchema(type: "text" | "chat"): typeof TextContentSchema | typeof ChatContentSchema;
export function PromptContentSchema(type: "text" | "chat") {
  if (type === "text") return TextContentSchema;
  if (type === "chat") return ChatContentSchema;
  throw new TypeError(`Unknown prompt type ${JSON.stringify(type)}.`);
}

/** `support/reply-v2`: lowercase path-like names; the rules (and messages) are shared with `{{> slug}}`. */
export const SlugSchema = z.string({ error: "Slug must be a string." }).superRefine((slug, ctx) => {
  const problem = slugProblem(slug);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A movable label. `latest` is valid in `{{> slug@latest}}` but reserved here: nobody may point it by hand. */
export const LabelNameSchema = z.string({ error: "Label must be a string." }).superRefine((label, ctx) => {
  const problem =
    labelProblem(label) ??
    (label === "latest" ? `"latest" is reserved: it follows the newest version automatically and cannot be moved by hand.` : null);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
