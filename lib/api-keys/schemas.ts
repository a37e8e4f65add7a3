import { z } from "zod";
import { API_KEY_SCOPES } from "@/db/schema/api-keys";

export const ScopeSchema = z.enum(API_KEY_SCOPES, { error: `Scope must be one of: ${API_KEY_SCOPES.join(", ")}.` });

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "Name the key (for example: production backend).").max(80, "Key name must be at most 80 characters."),
  scopes: z.array(ScopeSchema).min(1, "Pick at least one scope.").max(API_KEY_SCOPES.length),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;
