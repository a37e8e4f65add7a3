import "server-only";
import type { Db } from "@/db/client";
import type { Env } from "@/lib/env";
import { PasswordSchema } from "@/lib/auth";
import { WorkspaceSlug } from "@/lib/workspaces";
import { appendAudit } from "@/lib/audit";
import { auditEnsured, ensureApiKey, ensureMember, ensureUser, ensureWorkspace, systemAuditCtx } from "./ensure";

export interface HeadlessInitResult {
  ran: boolean;
  userCreated?: boolean;
  workspace?: string;
  apiKeyCreated?: boolean;
}

/**
 * PROMPTYARD_INIT_*: that user as owner of that workspace, and that API key, so CI, scripts and containers start
 * ready to use. Safe at every start: running it twice changes nothing.
 */
export async function runHeadlessInit(db: Db, env: Env): Promise<HeadlessInitResult> {
  const email = env.PROMPTYARD_INIT_USER_EMAIL;
  const slugRaw = env.PROMPTYARD_INIT_WORKSPACE;
  const key = env.PROMPTYARD_INIT_API_KEY;
  if (!email && !slugRaw && !key) return { ran: false };
  if (!email || !env.PROMPTYARD_INIT_USER_PASSWORD || !slugRaw) {
    throw new Error(
      "Headless init needs PROMPTYARD_INIT_USER_EMAIL, PROMPTYARD_INIT_USER_PASSWORD and PROMPTYARD_INIT_WORKSPACE together (PROMPTYARD_INIT_API_KEY is optional).",
    );
  }
  const password = PasswordSchema.safeParse(env.PROMPTYARD_INIT_USER_PASSWORD);
  if (!password.success) throw new Error(`PROMPTYARD_INIT_USER_PASSWORD: ${password.error.issues[0]!.message}`);
  const slug = WorkspaceSlug.safeParse(slugRaw);
  if (!slug.success) throw new Error(`PROMPTYARD_INIT_WORKSPACE: ${slug.error.issues[0]!.message}`);

  return db.transaction(async (tx) => {
    const { user, created } = await ensureUser(tx, { email, name: email.split("@")[0]!, password: password.data });
    const ws = await ensureWorkspace(tx, { slug: slug.data, name: slug.data });
    const member = await ensureMember(tx, ws.id, user.id, "owner", { enforceRole: true });
    const stored = key ? await ensureApiKey(tx, ws.id, key, "Headless init key", user.id) : undefined;
    const audit = systemAuditCtx(tx, ws);
    const via = "headless_init";
    await auditEnsured(audit, via, { workspaceCreated: ws.created, member: { userId: user.id, email: user.email, role: "owner", added: member.added, previousRole: member.previousRole } });
    if (stored?.created) {
      const { id, name, prefix, scopes } = stored.apiKey;
      await appendAudit(audit, { action: "api_key.create", targetType: "api_key", targetId: id, data: { name, prefix, scopes, via } });
    }
    return { ran: true, userCreated: created, workspace: ws.slug, apiKeyCreated: stored?.created };
  });
}
