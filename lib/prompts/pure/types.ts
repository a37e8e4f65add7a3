import type { PromptContent } from "@/lib/templates";

export type { ChatMessage, PromptContent } from "@/lib/templates";

/** Mirror of PromptConfig in db/schema/prompts.ts (this module must not import db/; the shapes are identical). */
export interface PromptConfig {
  model?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  stop?: string[];
  responseSchema?: Record<string, unknown>;
}

/** What versioning compares: the stored content and config plus the variables derived from them. */
export interface VersionShape {
  content: PromptContent;
  config: PromptConfig;
  variables: readonly string[];
}
