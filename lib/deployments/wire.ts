import { z } from "zod";
import { IsoTimestamp, safeText } from "@/lib/http/schema";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";

/* The public wire of deployments: applications report what they serve; drift is computed from it. */

const TAG = "Deployments";
export const PROMPT_STATUSES = ["in_sync", "behind", "unknown_content"] as const;

const ReportedPrompt = z.object({
  slug: safeText("prompts.slug", { min: 1, max: 200 }),
  label: safeText("prompts.label", { min: 1, max: 36 }).nullable().optional().meta({ description: "The label the app asks for (default production; null: pinned by version)." }),
  version: z.number().int().min(1).max(2_147_483_647).nullable().optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "prompts.hash must be the 64-character hex version hash."),
});

export const PromptStatus = z
  .object({
    slug: z.string(),
    label: z.string().nullable(),
    status: z.enum(PROMPT_STATUSES),
    reportedVersion: z.number().int().nullable().meta({ description: "The version whose hash the app reported (null: no version has that content)." }),
    expectedVersion: z.number().int().nullable().meta({ description: "Where the label points now." }),
    hash: z.string(),
    reportedAt: IsoTimestamp,
    driftSince: IsoTimestamp.nullable(),
  })
  .meta({ id: "DeploymentPromptStatus" });

export const DeploymentView = z
  .object({
    id: z.string(),
    name: z.string(),
    environment: z.string(),
    source: z.enum(["sdk", "ci"]),
    lastSeenAt: IsoTimestamp,
    silent: z.boolean().meta({ description: "No report for longer than the silence threshold." }),
    prompts: z.array(PromptStatus),
  })
  .meta({ id: "Deployment" });

export const ReportDeployment = defineOperation({
  method: "post",
  path: "/deployments/heartbeat",
  operationId: "reportDeployment",
  tag: TAG,
  summary: "Report what a deployment serves",
  description: "Sent by the SDK's heartbeat and `promptyard status --report`: the deployment's name, environment and, per prompt, the hash it serves. Answers each prompt's drift status.",
  auth: "apiKey",
  scope: "prompts:read",
  body: z.object({
    deployment: safeText("deployment", { min: 1, max: 200 }),
    environment: safeText("environment", { min: 1, max: 100 }).default("production"),
    source: z.enum(["sdk", "ci"], { error: "source must be sdk or ci." }).default("sdk"),
    prompts: z.array(ReportedPrompt).max(500, "At most 500 prompts per report."),
  }),
  success: { status: 200, description: "The deployment with each prompt's status.", schema: DeploymentView },
  errors: [...COMMON_ERRORS, 413],
});

export const ListDeployments = defineOperation({
  method: "get",
  path: "/deployments",
  operationId: "listDeployments",
  tag: TAG,
  summary: "List deployments and their drift",
  auth: "apiKey",
  scope: "prompts:read",
  query: z.object({ prompt: safeText("prompt", { min: 1, max: 200 }).optional().meta({ description: "Only this prompt's rows." }) }),
  success: { status: 200, description: "Deployments, most recently seen first.", schema: z.object({ deployments: z.array(DeploymentView) }) },
  errors: COMMON_ERRORS,
});
