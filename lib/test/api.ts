/** Route handlers called directly with real Requests, as the API tests do. */
const BASE = "http://localhost/api/v1";

/** A JSON request to `/api/v1<path>` with a bearer key (or none); a string body is sent as it is. */
export function apiRequest(method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}): Request {
  const h: Record<string, string> = { "content-type": "application/json", ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  return new Request(BASE + path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

/** The second argument Next passes to a dynamic route handler. */
export const routeParams = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
