import "server-only";
import { errorPayload } from "@/lib/http";
import { ERROR_STATUS } from "@/lib/errors";

/** What the hot path answers, before a transport writes it (node:http in server.ts, a Response in Next's route). */
export interface ServedResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export const JSON_TYPE = "application/json";

/** The API's one error shape, the bytes `toErrorResponse` sends (Response.json is JSON.stringify). */
export function servedError(e: unknown): ServedResponse {
  const { code, message, headers } = errorPayload(e);
  return { status: ERROR_STATUS[code], headers: { ...headers, "content-type": JSON_TYPE }, body: JSON.stringify({ error: { code, message } }) };
}

export function toWebResponse(r: ServedResponse): Response {
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/** The bearer key of an Authorization header (lib/http's bearerToken, for a header value). */
export function bearerFrom(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1]!.trim() : null;
}
