"use server";
import { verifyAuditChain } from "@/lib/audit";
import { withWorkspace } from "@/lib/auth/actions";

/** Recomputes the workspace's audit chain (admin+). */
export async function verifyAuditChainAction(slug: string) {
  return withWorkspace(slug, (ctx) => verifyAuditChain(ctx));
}
