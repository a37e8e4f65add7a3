export { route, apiKeyRoute } from "./route";
export { readJson, parseJsonText, readBody, parseQuery, parseParams, bearerToken, decodeParam, DEFAULT_BODY_LIMIT } from "./request";
export { respond } from "./respond";
export { errorPayload, toErrorResponse, toActionError, errorResponse, describeZodError, type ActionError, type ActionResult } from "./errors";
export { answerMalformedPath } from "./bad-path";
