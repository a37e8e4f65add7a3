/**
 * Deployments and drift: applications report what they serve (SDK heartbeat, `promptyard status --report`);
 * each prompt is in sync, behind (which version) or unknown content; silent deployments stop reporting;
 * drift lasting longer than PROMPTYARD_DRIFT_ALERT_MINUTES emits drift.detected (driftCheckJob, server.ts).
 */
export { reportDeployment, type ReportDeploymentInput } from "./report";
export { listDeployments } from "./list";
export { checkDrift, driftCheckJob } from "./drift";
export type { Computed as DeploymentPromptStatus, PromptStatusValue } from "./internal";
