import "server-only";
import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/errors";

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MiB

/** Reads a JSON body with a size limit (413) and parses it with `schema` (400 naming the field). */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_BODY_LIMIT): Promise<z.output<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("too_large", `Request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("too_large", `Request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw invalidInput("Request body is not valid JSON.");
  }
  return schema.parse(body);
}

export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m ? m[1]!.trim() : null;
}

/** Route params arrive URL-encoded or not depending on the path; prompt slugs never contain "%", so decoding is safe. */
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
