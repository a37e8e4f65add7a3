export { route, apiKeyRoute } from "./route";
export { readJson, bearerToken, decodeParam, DEFAULT_BODY_LIMIT } from "./request";
export { toErrorResponse, toActionError, errorResponse, describeZodError, type ActionError, type ActionResult } from "./errors";
