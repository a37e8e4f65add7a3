import { ROLES, type Role } from "@/db/schema/workspaces";
import type { ApiKeyScope } from "@/db/schema/api-keys";

export { ROLES, type Role };

/** owner 4 ... viewer 0 */
export function roleRank(role: Role): number {
  return ROLES.length - 1 - ROLES.indexOf(role);
}

export function atLeast(role: Role, min: Role): boolean {
  return roleRank(role) >= roleRank(min);
}

/**
 * THE permission table: every page, server action and route handler asks it.
 * `minRole` is for signed-in members; `scope` is what an API key needs for the same action (absent: keys may not).
 */
export const PERMISSIONS = {
  "workspace:read": { minRole: "viewer", scope: undefined, label: "See the workspace" },
  "workspace:update": { minRole: "admin", scope: "admin", label: "Rename the workspace" },
  "settings:read": { minRole: "admin", scope: "admin", label: "Open workspace settings" },
  "members:read": { minRole: "admin", scope: "admin", label: "List members and invites" },
  "members:invite": { minRole: "admin", scope: "admin", label: "Invite members" },
  "members:update": { minRole: "admin", scope: "admin", label: "Change a member's role" },
  "members:remove": { minRole: "admin", scope: "admin", label: "Remove members" },
  "apikeys:read": { minRole: "admin", scope: "admin", label: "List API keys" },
  "apikeys:manage": { minRole: "admin", scope: "admin", label: "Create and revoke API keys" },
  "prompts:read": { minRole: "viewer", scope: "prompts:read", label: "Read prompts and their history" },
  "prompts:write": { minRole: "editor", scope: "prompts:write", label: "Create prompts and commit versions" },
  // Resetting throws away everyone's unsaved edits, so it is for admins and owners, in the app only.
  "drafts:reset": { minRole: "admin", scope: undefined, label: "Reset a prompt's live draft to a version" },
  "labels:move": { minRole: "editor", scope: "labels:write", label: "Move environment labels (within each label's policy)" },
  "policies:manage": { minRole: "admin", scope: "admin", label: "Change environment policies" },
  "audit:read": { minRole: "admin", scope: "admin", label: "Read and export the audit log" },
  // Editors pick connections in the playground, so they see names and kinds (never keys); keys need admin to list them.
  "providers:read": { minRole: "editor", scope: "admin", label: "See model provider connections" },
  "providers:manage": { minRole: "admin", scope: "admin", label: "Manage model provider connections, prices and model settings" },
  "runs:create": { minRole: "editor", scope: "runs:write", label: "Run prompts against models" },
  "runs:read": { minRole: "viewer", scope: "prompts:read", label: "Read runs and their outputs" },
  // A verdict is one person's judgment (agreement stats and blind review count people), so API keys may not cast one.
  "reviews:write": { minRole: "reviewer", scope: undefined, label: "Rate outputs" },
  // Review queues: reviewers see the queues they may work on (a blind queue's per-version results only to editors+);
  // keys automate queues (create, add items, read stats) but never review.
  "queues:read": { minRole: "reviewer", scope: "prompts:read", label: "See review queues, their progress and results" },
  "queues:manage": { minRole: "editor", scope: "runs:write", label: "Create and edit review queues" },
  // Applications (their API keys) report what they serve; any member may see it. Reporting changes no prompt.
  "deployments:read": { minRole: "viewer", scope: "prompts:read", label: "See deployments and drift" },
  "deployments:report": { minRole: "admin", scope: "prompts:read", label: "Report what a deployment serves" },
  "queues:delete": { minRole: "admin", scope: "admin", label: "Delete review queues" },
} as const satisfies Record<string, { minRole: Role; scope: ApiKeyScope | undefined; label: string }>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function roleCan(role: Role, action: Action): boolean {
  return atLeast(role, PERMISSIONS[action].minRole);
}

export function scopesCan(scopes: readonly ApiKeyScope[], action: Action): boolean {
  const needed: ApiKeyScope | undefined = PERMISSIONS[action].scope;
  return needed !== undefined && (scopes.includes(needed) || scopes.includes("admin"));
}

/** Roles a member with `role` may hand out: never above their own. */
export function grantableRoles(role: Role): Role[] {
  return ROLES.filter((r) => roleRank(r) <= roleRank(role));
}
