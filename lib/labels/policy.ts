import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { labelPolicies, ROLES, type Role } from "@/db/schema";
import { appendAudit } from "@/lib/audit";
import { atLeast } from "@/lib/auth/permissions";
import { actorUserId, authorize, inTransaction, type WorkspaceCtx } from "@/lib/context";
import { AppError, forbidden } from "@/lib/errors";
import { LabelNameSchema } from "@/lib/prompts/pure";

export interface EffectivePolicy {
  label: string;
  minRole: Role;
  requiredApprovals: number;
  requiredEvalSuiteId: string | null;
  /** false when no row exists and the defaults apply. */
  custom: boolean;
}

/** Defaults: production needs an admin to move it; every other label an editor. */
export function defaultPolicy(label: string): EffectivePolicy {
  return { label, minRole: label === "production" ? "admin" : "editor", requiredApprovals: 0, requiredEvalSuiteId: null, custom: false };
}

export async function getLabelPolicy(db: Db, workspaceId: string, label: string): Promise<EffectivePolicy> {
  const [row] = await db.select().from(labelPolicies).where(and(eq(labelPolicies.workspaceId, workspaceId), eq(labelPolicies.label, label)));
  return row ? { label, minRole: row.minRole, requiredApprovals: row.requiredApprovals, requiredEvalSuiteId: row.requiredEvalSuiteId, custom: true } : defaultPolicy(label);
}

export async function listLabelPolicies({ ctx }: { ctx: WorkspaceCtx }): Promise<EffectivePolicy[]> {
  authorize(ctx, "prompts:read");
  const rows = await ctx.db.select().from(labelPolicies).where(eq(labelPolicies.workspaceId, ctx.workspace.id));
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  const names = [...new Set(["production", "staging", ...rows.map((r) => r.label)])];
  return names.map((label) => {
    const r = byLabel.get(label);
    return r ? { label, minRole: r.minRole, requiredApprovals: r.requiredApprovals, requiredEvalSuiteId: r.requiredEvalSuiteId, custom: true } : defaultPolicy(label);
  });
}

export const SetLabelPolicyInput = z.object({
  label: z.string(),
  minRole: z.enum(ROLES, { error: `minRole must be one of: ${ROLES.join(", ")}.` }),
});

export async function setLabelPolicy({ ctx, input }: { ctx: WorkspaceCtx; input: z.input<typeof SetLabelPolicyInput> }) {
  authorize(ctx, "policies:manage");
  const data = SetLabelPolicyInput.parse(input);
  const label = LabelNameSchema.parse(data.label);
  if (data.minRole === "viewer" || data.minRole === "reviewer") throw new AppError("invalid_input", "minRole must be editor or higher: reviewers and viewers can never move labels.");
  return inTransaction(ctx, async (tx) => {
    const before = await getLabelPolicy(tx.db, ctx.workspace.id, label);
    await tx.db
      .insert(labelPolicies)
      .values({ workspaceId: ctx.workspace.id, label, minRole: data.minRole, updatedBy: actorUserId(ctx) })
      .onConflictDoUpdate({ target: [labelPolicies.workspaceId, labelPolicies.label], set: { minRole: data.minRole, updatedAt: new Date(), updatedBy: actorUserId(ctx) } });
    await appendAudit(tx, { action: "policy.update", targetType: "label_policy", targetId: label, data: { label, from: before.minRole, to: data.minRole } });
    return getLabelPolicy(tx.db, ctx.workspace.id, label);
  });
}

/**
 * The policy check every path goes through (UI, server actions, REST). API keys count as editors with
 * `labels:write` and as admins with `admin`; a policy demanding owner can only be met by an owner.
 * Unmet gates (approvals, eval suite) are a 409 naming the gate.
 */
export function assertPolicyAllows(ctx: WorkspaceCtx, policy: EffectivePolicy): void {
  const effective: Role | undefined =
    ctx.actor.kind === "system" ? "owner" : ctx.actor.kind === "user" ? ctx.role : ctx.actor.scopes.includes("admin") ? "admin" : ctx.actor.scopes.includes("labels:write") ? "editor" : undefined;
  if (!effective || !atLeast(effective, policy.minRole)) {
    throw forbidden(
      ctx.actor.kind === "api_key"
        ? `Moving "${policy.label}" needs the ${policy.minRole} role; this API key acts as ${effective ?? "nothing"} (labels:write = editor, admin = admin).`
        : `Moving "${policy.label}" needs the ${policy.minRole} role or higher; you are ${effective ?? "not a member"}.`,
    );
  }
  if (policy.requiredApprovals > 0) {
    throw new AppError("conflict", `Gate not met for "${policy.label}": ${policy.requiredApprovals} approval(s) required and none recorded.`);
  }
  if (policy.requiredEvalSuiteId) {
    throw new AppError("conflict", `Gate not met for "${policy.label}": a passing run of the required eval suite is required.`);
  }
}
