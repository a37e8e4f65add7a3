import { z } from "zod";
import { IsoTimestamp, safeText } from "@/lib/http/schema";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";
import { PROVIDER_KINDS } from "./presets";
import { ConnectionNameSchema } from "./schemas";

/* The public wire of model provider connections (pattern: lib/prompts/wire.ts). Keys go in, never out. */

const TAG = "Providers";
const SCOPE = "admin";
export const PROVIDER_BODY_LIMIT = 16 * 1024;

export const Connection = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PROVIDER_KINDS),
    baseUrl: z.string().nullable(),
    hasApiKey: z.boolean(),
    apiKeyHint: z.string().nullable().meta({ description: 'The last characters only: "••••abcd".' }),
    createdAt: IsoTimestamp,
    updatedAt: IsoTimestamp,
  })
  .meta({ id: "Connection" });

/** ConnectionView carries Dates; the wire carries ISO strings. */
export function connectionToWire<T extends { createdAt: Date; updatedAt: Date }>(c: T) {
  return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
}

const Name = ConnectionNameSchema.pipe(safeText("name", { max: 40 }));
const BaseUrl = safeText("baseUrl", { min: 1, max: 500, trim: true });
const ApiKey = safeText("apiKey", { min: 1, max: 1000, trim: true });
const NameParams = z.object({ name: safeText("name", { min: 1, max: 100 }) });

export const ListProviders = defineOperation({
  method: "get",
  path: "/providers",
  operationId: "listProviders",
  tag: TAG,
  summary: "List model connections",
  auth: "apiKey",
  scope: SCOPE,
  success: { status: 200, description: "The workspace's connections (keys masked).", schema: z.object({ providers: z.array(Connection) }) },
  errors: COMMON_ERRORS,
});

export const CreateProvider = defineOperation({
  method: "post",
  path: "/providers",
  operationId: "createProvider",
  tag: TAG,
  summary: "Add a model connection",
  description: "The key is encrypted at rest and never returned. Base URLs on private networks need the workspace setting that allows them.",
  auth: "apiKey",
  scope: SCOPE,
  maxBodyBytes: PROVIDER_BODY_LIMIT,
  body: z.object({
    name: Name,
    kind: z.enum(PROVIDER_KINDS, { error: `kind must be one of: ${PROVIDER_KINDS.join(", ")}.` }),
    baseUrl: BaseUrl.nullish(),
    apiKey: ApiKey.nullish(),
  }),
  success: { status: 201, description: "The connection, masked.", schema: Connection },
  errors: [...COMMON_ERRORS, 409, 413],
});

export const GetProvider = defineOperation({
  method: "get",
  path: "/providers/{name}",
  operationId: "getProvider",
  tag: TAG,
  summary: "Get a model connection",
  auth: "apiKey",
  scope: SCOPE,
  params: NameParams,
  success: { status: 200, description: "The connection, masked.", schema: Connection },
  errors: COMMON_ERRORS,
});

export const UpdateProvider = defineOperation({
  method: "patch",
  path: "/providers/{name}",
  operationId: "updateProvider",
  tag: TAG,
  summary: "Rename or reconfigure a connection",
  description: "Changing the base URL of a keyed connection needs `apiKey` again. `baseUrl: null` returns to the official endpoint; `apiKey: null` removes the key (openai-compatible only).",
  auth: "apiKey",
  scope: SCOPE,
  maxBodyBytes: PROVIDER_BODY_LIMIT,
  params: NameParams,
  body: z.object({ name: Name.optional().meta({ description: "A new name." }), baseUrl: BaseUrl.nullish(), apiKey: ApiKey.nullish() }),
  success: { status: 200, description: "The connection, masked.", schema: Connection },
  errors: [...COMMON_ERRORS, 409, 413],
});

export const DeleteProvider = defineOperation({
  method: "delete",
  path: "/providers/{name}",
  operationId: "deleteProvider",
  tag: TAG,
  summary: "Delete a connection",
  auth: "apiKey",
  scope: SCOPE,
  params: NameParams,
  success: { status: 200, description: "What was deleted.", schema: z.object({ id: z.string(), name: z.string() }) },
  errors: COMMON_ERRORS,
});

export const TestProvider = defineOperation({
  method: "post",
  path: "/providers/{name}/test",
  operationId: "testProvider",
  tag: TAG,
  summary: "Test a saved connection",
  description: "200 whether or not the provider answered well: `ok` says which, `message` says why.",
  auth: "apiKey",
  scope: SCOPE,
  params: NameParams,
  success: {
    status: 200,
    description: "The outcome.",
    schema: z.object({ ok: z.boolean(), message: z.string(), latencyMs: z.number(), models: z.array(z.string()).optional() }).meta({ id: "ConnectionTest" }),
  },
  errors: COMMON_ERRORS,
});
