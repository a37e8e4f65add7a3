export { appendAudit } from "./append";
export { verifyAuditChain, type AuditVerifyResult } from "./verify";
export { listAuditEvents, listAuditActions, type AuditEventView } from "./list";
export { exportAuditJsonl } from "./export";
export { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, auditActionLabel, type AuditAction } from "./action-names";
export { AppendAuditInput, ListAuditEventsInput, AUDIT_ACTION_RE, AUDIT_PAGE_MAX } from "./schemas";
export { eventHash, GENESIS_HASH } from "./internal";
