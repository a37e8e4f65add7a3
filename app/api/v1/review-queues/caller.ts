import "server-only";
import { authenticateApiKey } from "@/lib/api-keys";
import { getSessionUser } from "@/lib/auth/session";
import { systemCtx, userCtx, type WorkspaceCtx } from "@/lib/context";
import { unauthorized } from "@/lib/errors";
import { bearerToken } from "@/lib/http";
import { memberCtxForItem, memberCtxForQueue } from "@/lib/reviews";

/*
 * Review endpoints accept an API key (automation: create queues, add items, read stats) or the app's signed-in
 * session (people: take work and review; a verdict belongs to a person, so keys get 403 there). A session names no
 * workspace: the queue or item does, and a non-member gets 404.
 */
async function sessionUserId(): Promise<string> {
  const user = await getSessionUser();
  if (!user) throw unauthorized("Send an API key (Authorization: Bearer pyk_...) or call this from a signed-in session.");
  return user.id;
}

const keyCtx = (req: Request) => authenticateApiKey({ db: systemCtx().db, key: bearerToken(req) });

export async function callerForQueue(req: Request, queueId: string): Promise<WorkspaceCtx> {
  if (req.headers.has("authorization")) return keyCtx(req);
  return memberCtxForQueue({ ctx: userCtx(await sessionUserId()), queueId });
}

/** `itemId` is read (from the body) only for a session caller, after the 401 check. */
export async function callerForItem(req: Request, itemId: () => Promise<string>): Promise<WorkspaceCtx> {
  if (req.headers.has("authorization")) return keyCtx(req);
  const userId = await sessionUserId();
  return memberCtxForItem({ ctx: userCtx(userId), itemId: await itemId() });
}

export type Params = { params: Promise<{ id: string }> };
