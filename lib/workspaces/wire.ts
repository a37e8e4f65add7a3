import { z } from "zod";
import { API_KEY_SCOPES } from "@/db/schema";
import { defineOperation } from "@/lib/openapi/operation";

/* The public wire of the workspace (pattern: lib/prompts/wire.ts). */

export const GetWorkspace = defineOperation({
  method: "get",
  path: "/workspace",
  operationId: "getWorkspace",
  tag: "Workspace",
  summary: "Who am I: the calling key's workspace and scopes",
  auth: "apiKey",
  success: {
    status: 200,
    description: "The workspace and the key's scopes.",
    schema: z.object({ slug: z.string(), name: z.string(), scopes: z.array(z.enum(API_KEY_SCOPES)) }).meta({ id: "WorkspaceIdentity" }),
  },
  errors: [401],
});
