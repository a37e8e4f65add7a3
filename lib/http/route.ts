import "server-only";
import { getDb } from "@/db/client";
import { authenticateApiKey } from "@/lib/api-keys";
import { consumeApiKeyRequest } from "@/lib/rate-limit";
import { toErrorResponse } from "./errors";
import { bearerToken } from "./request";

type KeyCtx = Awaited<ReturnType<typeof authenticateApiKey>>;

/** Wraps a route handler: every thrown error becomes the one error shape. */
export function route<A extends unknown[]>(handler: (req: Request, ...rest: A) => Promise<Response>) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    try {
      return await handler(req, ...rest);
    } catch (e) {
      return toErrorResponse(e);
    }
  };
}

/** A /api/v1 handler authenticated by API key; the context is scoped to that key's workspace. */
export function apiKeyRoute<A extends unknown[]>(handler: (req: Request, ctx: KeyCtx, ...rest: A) => Promise<Response>) {
  return route(async (req: Request, ...rest: A) => {
    const ctx = await authenticateApiKey({ db: getDb(), key: bearerToken(req) });
    if (ctx.actor.kind === "api_key") await consumeApiKeyRequest(ctx.actor.keyId);
    return handler(req, ctx, ...rest);
  });
}
