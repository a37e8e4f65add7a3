import { buildOpenApiDocument, type OpenApiDocument } from "./document";
import { OPERATIONS } from "./operations";

export { defineOperation, ApiError, COMMON_ERRORS, type Operation, type OperationAuth, type HttpMethod } from "./operation";
export { buildOpenApiDocument, type OpenApiDocument } from "./document";
export { OPERATIONS, GetOpenApiDocument } from "./operations";

let cached: OpenApiDocument | undefined;

/** The /api/v1 OpenAPI 3.1 document, built once per process from the wire schemas. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(OPERATIONS, {
    title: "Promptyard API",
    version: "1",
    description:
      "Versioned prompts, labels, runs, model connections and review queues of one workspace. Authenticate with a workspace API key: `Authorization: Bearer pyk_...`. Every error answers `{ \"error\": { \"code\", \"message\" } }`; a 400's message names the parameter or field.",
  });
  return cached;
}
