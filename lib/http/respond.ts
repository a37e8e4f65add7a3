import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Answers with `data` shaped by the operation's published response schema: unknown fields are stripped, so a
 * response can only carry what the OpenAPI document promises. A mismatch is our bug: logged, answered 500.
 */
export function respond<S extends z.ZodType>(op: { success: { status: number; schema: S } }, data: z.input<S>, init: { headers?: Record<string, string>; status?: number } = {}): Response {
  const parsed = op.success.schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".")}: ${i.message}`)
      .join("; ");
    console.error(`[promptyard] response does not match its published schema: ${where}`);
    throw new AppError("internal", "Something went wrong on our side. It has been logged.");
  }
  return Response.json(parsed.data, { status: init.status ?? op.success.status, headers: init.headers });
}
