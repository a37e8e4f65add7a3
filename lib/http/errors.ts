import "server-only";
import { z } from "zod";
import { AppError, ERROR_STATUS, isAppError, type ErrorCode } from "@/lib/errors";
import { logError } from "@/lib/log";

/** "scopes.0: Scope must be one of ..." — names the field so a person can fix it. */
export function describeZodError(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

export function errorResponse(code: ErrorCode, message: string, init: { headers?: Record<string, string> } = {}): Response {
  return Response.json({ error: { code, message } }, { status: ERROR_STATUS[code], headers: init.headers });
}

/** The one place REST maps errors to `{ error: { code, message } }`. Unknown errors are logged, never echoed. */
export function errorPayload(e: unknown): { code: ErrorCode; message: string; headers: Record<string, string> } {
  if (isAppError(e)) {
    const err = e as AppError;
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds) headers["Retry-After"] = String(err.retryAfterSeconds);
    return { code: err.code, message: err.message, headers };
  }
  if (e instanceof z.ZodError) return { code: "invalid_input", message: describeZodError(e), headers: {} };
  logError("[promptyard] unhandled error in route", e);
  return { code: "internal", message: "Something went wrong on our side. It has been logged.", headers: {} };
}

export function toErrorResponse(e: unknown): Response {
  const { code, message, headers } = errorPayload(e);
  return errorResponse(code, message, { headers });
}

/** For server actions: the same mapping, as a value the form can show. */
export type ActionError = { code: ErrorCode; message: string };
export function toActionError(e: unknown): ActionError {
  if (isAppError(e)) return { code: (e as AppError).code, message: (e as AppError).message };
  if (e instanceof z.ZodError) return { code: "invalid_input", message: e.issues[0]?.message ?? "Invalid input." };
  logError("[promptyard] unhandled error in action", e);
  return { code: "internal", message: "Something went wrong on our side. Try again." };
}

export type ActionResult<T = undefined> = { ok: true; data: T } | { ok: false; error: ActionError };
