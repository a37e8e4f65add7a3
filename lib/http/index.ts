export { route, apiKeyRoute } from "./route";
export { readJson, bearerToken, DEFAULT_BODY_LIMIT } from "./request";
export { toErrorResponse, toActionError, errorResponse, describeZodError, type ActionError, type ActionResult } from "./errors";
