import "server-only";
import type { z } from "zod";
import { AppError, invalidInput } from "@/lib/errors";
import { findUnsafeText } from "./schema";

export const DEFAULT_BODY_LIMIT = 1024 * 1024; // 1 MiB

/** Reads a JSON body with a size limit (413) and parses it with `schema` (400 naming the field). */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes = DEFAULT_BODY_LIMIT): Promise<z.output<S>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  return parseJsonText(await req.text(), schema, maxBytes);
}

const tooLarge = (maxBytes: number) => new AppError("too_large", `Request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);

/** A body already read as text (the hot serving path reads node's request itself): the checks of readJson. */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S, maxBytes = DEFAULT_BODY_LIMIT): z.output<S> {
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw invalidInput("Request body is not valid JSON.");
  }
  // Once for every body, free-form values included: Postgres cannot store NUL, and lone surrogates are not text.
  const unsafe = findUnsafeText(body);
  if (unsafe) throw invalidInput(`${unsafe.path}: ${unsafe.path} ${unsafe.problem}.`);
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

/**
 * Parses the query string with `schema` (each parameter's first value; unknown parameters are ignored).
 * A bad value is a 400 naming the parameter ("limit: limit must be a whole number between 1 and 200.").
 */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (!(k in raw)) raw[k] = v;
  return schema.parse(raw);
}

/** Decodes route params (see decodeParam) and parses them with `schema`: a NUL or overlong slug is a 400 naming it. */
export async function parseParams<S extends z.ZodType>(params: Promise<Record<string, string>>, schema: S): Promise<z.output<S>> {
  const raw = await params;
  return schema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decodeParam(v)])));
}

/** The operation's JSON body, parsed with its schema under its size limit (see readJson). */
export function readBody<S extends z.ZodType>(req: Request, op: { body?: S; maxBodyBytes?: number }): Promise<z.output<S>> {
  if (!op.body) throw new TypeError("This operation takes no body.");
  return readJson(req, op.body, op.maxBodyBytes ?? DEFAULT_BODY_LIMIT);
}
