export { createApiKey } from "./create";
export { listApiKeys } from "./list";
export { revokeApiKey } from "./revoke";
export { authenticateApiKey, keyHasScope } from "./authenticate";
export { hashApiKey, generateApiKey, displayPrefix } from "./internal";
export { CreateApiKeyInput } from "./schemas";
export { API_KEY_SCOPES, type ApiKeyScope } from "@/db/schema/api-keys";
