import { z } from "zod";
import { CHAT_ROLES, PROMPT_TYPES } from "@/db/schema/prompts";
import { bodyInt, INT4_MAX, isoDateTime, IsoTimestamp, queryInt, safeText } from "@/lib/http/schema";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";
import { PromptConfigSchema } from "./pure/schemas";

/*
 * The public wire of the prompts domain: what /api/v1/prompts/** parse and answer. THE PATTERN for every domain:
 * small named pieces (`.meta({ id })` names them in the OpenAPI document), then one `defineOperation` per route
 * that the route file imports. Route files parse with `op.params/query/body` and answer with `respond(op, data)`.
 * Client-safe: the API docs page and SDK types read this file.
 */

export const MAX_CONTENT_CHARS = 200 * 1024;
const TAG = "Prompts";

// ---- shared pieces -------------------------------------------------------------------------------------------

export const SlugParam = safeText("slug", { min: 1, max: 200 }).meta({ description: "The prompt's slug, URL-encoded (support%2Freply)." });
export const LabelParam = safeText("label", { min: 1, max: 36 });

export const ChatMessage = z
  .object({ role: z.enum(CHAT_ROLES, { error: `role must be one of: ${CHAT_ROLES.join(", ")}.` }), content: safeText("content", { max: MAX_CONTENT_CHARS }) })
  .meta({ id: "ChatMessage" });

/** A text prompt's content is one string; a chat prompt's is 1-100 messages. The verb checks it against the type. */
export const PromptContent = z
  .union([safeText("content", { max: MAX_CONTENT_CHARS }), z.array(ChatMessage).min(1, "A chat prompt needs at least one message.").max(100, "A chat prompt can have at most 100 messages.")], {
    error: (iss) => (iss.code === "invalid_union" ? "content must be a string (text prompt) or a list of {role, content} messages (chat prompt)." : undefined),
  })
  .meta({ id: "PromptContent", description: "Text: a string. Chat: a list of {role, content} messages. At most 200 KiB in all." });

/** Model settings of a version (unknown keys are rejected, naming them). */
export const PromptConfig = PromptConfigSchema.meta({ id: "PromptConfig" });

/** A version as stored (responses). */
const ConfigOut = z
  .object({
    model: z.string().optional(),
    temperature: z.number().optional(),
    maxTokens: z.number().int().optional(),
    topP: z.number().optional(),
    stop: z.array(z.string()).optional(),
    responseSchema: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "PromptConfigValue" });
const ContentOut = z.union([z.string(), z.array(z.object({ role: z.enum(CHAT_ROLES), content: z.string() }))]).meta({ id: "PromptContentValue" });

export const Version = z
  .object({
    version: z.number().int(),
    semver: z.string(),
    content: ContentOut,
    config: ConfigOut,
    variables: z.array(z.string()),
    includes: z.array(z.string()),
    hash: z.string(),
    message: z.string(),
    createdAt: IsoTimestamp,
  })
  .meta({ id: "Version" });

export const Prompt = z
  .object({
    slug: z.string(),
    type: z.enum(PROMPT_TYPES),
    description: z.string(),
    tags: z.array(z.string()),
    isComponent: z.boolean(),
    latestVersion: z.number().int(),
    archived: z.boolean(),
    createdAt: IsoTimestamp,
    updatedAt: IsoTimestamp,
  })
  .meta({ id: "Prompt" });

const CommitOutcome = { bump: z.string().meta({ description: "major, minor or patch: what the semver suggestion was based on." }), reason: z.string() };

const Selector = {
  label: LabelParam.optional().meta({ description: "Serve what this label points to (default production)." }),
  version: queryInt("version", { min: 1, max: INT4_MAX, description: "Serve this version number." }).optional(),
  at: isoDateTime("at", "Point in time: what the label pointed to then.").optional(),
};

function checkSelector(v: { label?: string; version?: number; at?: Date }, ctx: z.RefinementCtx) {
  if (v.label !== undefined && v.version !== undefined) ctx.addIssue({ code: "custom", path: ["version"], message: "Ask for either a label or a version, not both." });
  if (v.at !== undefined && v.version !== undefined) ctx.addIssue({ code: "custom", path: ["at"], message: "at goes with a label, not with a version." });
}

// ---- operations ----------------------------------------------------------------------------------------------

export const ListPrompts = defineOperation({
  method: "get",
  path: "/prompts",
  operationId: "listPrompts",
  tag: TAG,
  summary: "List prompts",
  description: "One page of the workspace's prompts, most recently changed first, with where each label points.",
  auth: "apiKey",
  scope: "prompts:read",
  query: z.object({
    search: safeText("search", { max: 200 }).optional(),
    folder: safeText("folder", { max: 120 }).optional(),
    tag: safeText("tag", { max: 40 }).optional(),
    label: LabelParam.optional().meta({ description: "Only prompts where this label points to a version." }),
    limit: queryInt("limit", { min: 1, max: 200, description: "Page size (default 50)." }).optional(),
    offset: queryInt("offset", { min: 0, max: INT4_MAX }).optional(),
  }),
  success: {
    status: 200,
    description: "A page of prompts.",
    schema: z.object({
      prompts: z.array(Prompt.extend({ labels: z.record(z.string(), z.number().int().nullable()).meta({ description: "Label name -> version number (null: points nowhere yet)." }) })),
      hasMore: z.boolean(),
    }),
  },
  errors: COMMON_ERRORS,
});

export const CreatePrompt = defineOperation({
  method: "post",
  path: "/prompts",
  operationId: "createPrompt",
  tag: TAG,
  summary: "Create a prompt with its first version",
  auth: "apiKey",
  scope: "prompts:write",
  body: z.object({
    slug: safeText("slug", { min: 1, max: 120 }),
    type: z.enum(PROMPT_TYPES, { error: "type must be text or chat." }),
    content: PromptContent,
    config: PromptConfig.optional(),
    message: safeText("message", { min: 1, max: 2000 }),
    semver: safeText("semver", { max: 40 }).optional(),
    description: safeText("description", { max: 2000 }).optional(),
    tags: z.array(safeText("tags", { min: 1, max: 40 })).max(20, "At most 20 tags.").optional(),
    isComponent: z.boolean().optional(),
  }),
  success: { status: 201, description: "The prompt and its version 1.", schema: Prompt.extend({ version: Version, ...CommitOutcome }) },
  errors: [...COMMON_ERRORS, 409, 413],
});

export const GetServedVersion = defineOperation({
  method: "get",
  path: "/prompts/{slug}",
  operationId: "getPrompt",
  tag: TAG,
  summary: "Serve a prompt version",
  description: "The version behind `?label=` (default production) or `?version=`, optionally at a point in time. The ETag changes with the version and its labels; send it back as If-None-Match for a 304.",
  auth: "apiKey",
  scope: "prompts:read",
  params: z.object({ slug: SlugParam }),
  query: z.object(Selector).superRefine(checkSelector),
  success: {
    status: 200,
    description: "The served version.",
    headers: { ETag: "Version hash and labels.", "Cache-Control": "private, no-cache" },
    schema: z
      .object({
        slug: z.string(),
        type: z.enum(PROMPT_TYPES),
        version: z.number().int(),
        semver: z.string(),
        labels: z.array(z.string()),
        content: ContentOut,
        config: ConfigOut,
        variables: z.array(z.string()),
        hash: z.string(),
        createdAt: IsoTimestamp,
      })
      .meta({ id: "ServedVersion" }),
  },
  errors: COMMON_ERRORS,
  extra: [{ status: 304, description: "Not modified: If-None-Match matched the ETag." }],
});

export const RenderPrompt = defineOperation({
  method: "post",
  path: "/prompts/{slug}/render",
  operationId: "renderPrompt",
  tag: TAG,
  summary: "Render a prompt with variables",
  auth: "apiKey",
  scope: "prompts:read",
  params: z.object({ slug: SlugParam }),
  body: z
    .object({
      label: LabelParam.optional(),
      version: bodyInt("version", { min: 1 }).optional(),
      at: isoDateTime("at").optional(),
      variables: z.record(safeText("variable name", { max: 200 }), z.unknown(), { error: "variables must be an object." }).default({}),
    })
    .superRefine(checkSelector),
  success: {
    status: 200,
    description: "The rendered content, with the components it included.",
    schema: z.object({
      slug: z.string(),
      type: z.enum(PROMPT_TYPES),
      version: z.number().int(),
      semver: z.string(),
      content: ContentOut,
      components: z.array(z.object({ slug: z.string(), label: z.string().nullable(), version: z.number().int() })),
    }),
  },
  errors: [...COMMON_ERRORS, 413],
});

export const ListVersions = defineOperation({
  method: "get",
  path: "/prompts/{slug}/versions",
  operationId: "listVersions",
  tag: TAG,
  summary: "List a prompt's versions",
  description: "Newest first, with the labels pointing at each.",
  auth: "apiKey",
  scope: "prompts:read",
  params: z.object({ slug: SlugParam }),
  query: z.object({
    limit: queryInt("limit", { min: 1, max: 500, description: "Page size (default 100)." }).optional(),
    offset: queryInt("offset", { min: 0, max: INT4_MAX }).optional(),
  }),
  success: { status: 200, description: "A page of versions.", schema: z.object({ versions: z.array(Version.extend({ labels: z.array(z.string()) })) }) },
  errors: COMMON_ERRORS,
});

export const CommitVersion = defineOperation({
  method: "post",
  path: "/prompts/{slug}/versions",
  operationId: "commitVersion",
  tag: TAG,
  summary: "Commit a new version",
  description: "Immutable and gapless: the next number, with a suggested semver unless you give one.",
  auth: "apiKey",
  scope: "prompts:write",
  params: z.object({ slug: SlugParam }),
  body: z.object({
    content: PromptContent,
    config: PromptConfig.optional(),
    message: safeText("message", { min: 1, max: 2000 }),
    semver: safeText("semver", { max: 40 }).optional(),
  }),
  success: { status: 201, description: "The new version.", schema: Version.extend(CommitOutcome) },
  errors: [...COMMON_ERRORS, 409, 413],
});
