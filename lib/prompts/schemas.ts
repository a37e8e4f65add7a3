import { z } from "zod";
import { PROMPT_TYPES } from "@/db/schema/prompts";

// Content and config are validated against the prompt's type in the verbs (lib/prompts/pure).
export const CreatePromptInput = z.object({
  slug: z.string(),
  type: z.enum(PROMPT_TYPES, { error: "type must be text or chat." }),
  content: z.unknown(),
  config: z.unknown().optional(),
  message: z.string().trim().min(1, "A commit message is required.").max(2000, "Commit message must be at most 2000 characters."),
  semver: z.string().optional(),
  description: z.string().trim().max(2000, "Description must be at most 2000 characters.").optional(),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40, "Tags must be at most 40 characters.")).max(20, "At most 20 tags.").optional(),
  isComponent: z.boolean().optional(),
});
export type CreatePromptInput = z.input<typeof CreatePromptInput>;

export const CommitVersionInput = z.object({
  slug: z.string(),
  content: z.unknown(),
  config: z.unknown().optional(),
  message: z.string().trim().min(1, "A commit message is required.").max(2000, "Commit message must be at most 2000 characters."),
  semver: z.string().trim().optional(),
});
export type CommitVersionInput = z.input<typeof CommitVersionInput>;

export const UpdatePromptInput = z.object({
  slug: z.string(),
  description: z.string().trim().max(2000, "Description must be at most 2000 characters.").optional(),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40, "Tags must be at most 40 characters.")).max(20, "At most 20 tags.").optional(),
  isComponent: z.boolean().optional(),
});
export type UpdatePromptInput = z.input<typeof UpdatePromptInput>;

export const ListPromptsInput = z.object({
  search: z.string().trim().max(200).optional(),
  folder: z.string().trim().max(120).optional(),
  tag: z.string().trim().max(40).optional(),
  label: z.string().trim().max(36).optional(),
  updatedAfter: z.coerce.date().optional(),
  archived: z.boolean().optional(),
  components: z.boolean().optional(),
  /** updated: most recently changed first; name: by slug, A to Z. */
  sort: z.enum(["updated", "name"]).default("updated"),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListPromptsInput = z.input<typeof ListPromptsInput>;

export const VersionRef = z.object({
  version: z.coerce.number({ error: "version must be a number." }).int().min(1, "version must be 1 or more."),
});
