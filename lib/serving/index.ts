/**
 * The hot serving path (DESIGN.md "Architecture" 3): `GET /api/v1/prompts/{slug}` and `POST .../render` answered
 * from memory. server.ts: `enableServingCache()` once the event dispatcher runs, then `handleServingRequest(req,
 * res)` before Next's router. The Next routes call `serveGet` / `serveRender`, so both answer the same bytes.
 */
export { serveGet, keyContext, type ServeGetRequest } from "./get";
export { serveRender, type ServeRenderRequest } from "./render";
export { handleServingRequest } from "./node";
export { toWebResponse, type ServedResponse } from "./respond";
export { enableServingCache, disableServingCache, servingState, type ServingState } from "./state";
export { ServingCache, type CacheOptions } from "./cache";
export { KeyCache } from "./keys";
