import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

/*
 * One public API operation: what a route parses (params, query, body) and what it answers, as zod schemas.
 * Route files parse with these and answer through `respond(op, data)`; lib/openapi/document.ts turns the same
 * objects into the OpenAPI document, so the two cannot disagree. Client-safe (the docs page reads it).
 */

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** Who may call: an API key (Authorization: Bearer pyk_...), a key or the app's signed-in session, or anyone. */
export type OperationAuth = "apiKey" | "apiKeyOrSession" | "none";

export interface ExtraResponse {
  status: number;
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
}

export interface Operation<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, with `{param}` placeholders: "/prompts/{slug}/versions". */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: OperationAuth;
  /** The API key scope needed, shown in the docs ("prompts:read"). */
  scope?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Largest accepted body in bytes (413 above it). */
  maxBodyBytes?: number;
  success: { status: number; description: string; schema: R; headers?: Record<string, string> };
  /** Error statuses this operation answers with the `{ error: { code, message } }` shape. */
  errors: number[];
  /** Other documented answers (304, the 502 of a failed model call). */
  extra?: ExtraResponse[];
}

export function defineOperation<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(
  op: Operation<P, Q, B, R>,
): Operation<P, Q, B, R> & { params: P; query: Q; body: B } {
  // Present keys are typed as present, so routes read `op.params` without a non-null assertion.
  return op as Operation<P, Q, B, R> & { params: P; query: Q; body: B };
}

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The one error shape every /api/v1 endpoint answers with. */
export const ApiError = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: "Stable, machine-readable: branch on this." }),
      message: z.string().meta({ description: "For a person: says what to fix, naming the parameter or field." }),
    }),
  })
  .meta({ id: "Error" });

/** Statuses most key-authenticated operations can answer: bad input, no key, missing scope, not found. */
export const COMMON_ERRORS = [400, 401, 403, 404];
