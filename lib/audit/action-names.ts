/**
 * Every audit action, `<noun>.<verb>`. Client-safe (no server imports), so the UI can list and label them.
 * Domains add their actions here as they start writing audit events.
 */
export const AUDIT_ACTIONS = [
  "workspace.create",
  "workspace.rename",
  "member.invite",
  "invite.revoke",
  "member.join",
  "member.add",
  "member.role_change",
  "member.remove",
  "member.leave",
  "api_key.create",
  "api_key.revoke",
  "prompt.create",
  "prompt.update",
  "prompt.archive",
  "prompt.unarchive",
  "version.commit",
  "draft.reset",
  "label.move",
  "label.rollback",
  "policy.update",
  "provider.create",
  "provider.update",
  "provider.delete",
  "model_price.update",
  "model_price.delete",
  "model_settings.update",
  "review_queue.create",
  "review_queue.update",
  "review_queue.delete",
  "review_queue.items_add",
  "review.submit",
  "review.undo",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "workspace.create": "Workspace created",
  "workspace.rename": "Workspace renamed",
  "member.invite": "Member invited",
  "invite.revoke": "Invite revoked",
  "member.join": "Member joined",
  "member.add": "Member added",
  "member.role_change": "Role changed",
  "member.remove": "Member removed",
  "member.leave": "Member left",
  "api_key.create": "API key created",
  "api_key.revoke": "API key revoked",
  "prompt.create": "Prompt created",
  "prompt.update": "Prompt updated",
  "prompt.archive": "Prompt archived",
  "prompt.unarchive": "Prompt restored",
  "version.commit": "Version committed",
  "draft.reset": "Live draft reset to a version",
  "label.move": "Label moved",
  "label.rollback": "Label rolled back",
  "policy.update": "Policy changed",
  "provider.create": "Model connection added",
  "provider.update": "Model connection changed",
  "provider.delete": "Model connection deleted",
  "model_price.update": "Model price changed",
  "model_price.delete": "Model price reset or removed",
  "model_settings.update": "Model settings changed",
  "review_queue.create": "Review queue created",
  "review_queue.update": "Review queue changed",
  "review_queue.delete": "Review queue deleted",
  "review_queue.items_add": "Items added to a review queue",
  "review.submit": "Review submitted",
  "review.undo": "Review undone",
};

/** "member.role_change" -> "Role changed"; unknown actions (from newer code) show as they are. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
