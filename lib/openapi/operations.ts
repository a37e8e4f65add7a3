import { z } from "zod";
import * as audit from "@/lib/audit/wire";
import * as deployments from "@/lib/deployments/wire";
import * as labels from "@/lib/labels/wire";
import * as prompts from "@/lib/prompts/wire";
import * as providers from "@/lib/providers/wire";
import * as reviews from "@/lib/reviews/wire";
import * as runs from "@/lib/runs/wire";
import * as workspaces from "@/lib/workspaces/wire";
import { defineOperation, type Operation } from "./operation";

export const GetOpenApiDocument = defineOperation({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  tag: "Meta",
  summary: "This document",
  auth: "none",
  success: { status: 200, description: "The OpenAPI 3.1 document of /api/v1.", schema: z.record(z.string(), z.unknown()) },
  errors: [],
});

/** Every public operation, in the order the docs show them. A new route adds its operation here (a test checks). */
export const OPERATIONS: readonly Operation[] = [
  workspaces.GetWorkspace,
  prompts.ListPrompts,
  prompts.CreatePrompt,
  prompts.GetServedVersion,
  prompts.RenderPrompt,
  prompts.ListVersions,
  prompts.CommitVersion,
  labels.MoveLabel,
  labels.LabelHistory,
  runs.RunPrompt,
  runs.ListRuns,
  runs.GetRun,
  providers.ListProviders,
  providers.CreateProvider,
  providers.GetProvider,
  providers.UpdateProvider,
  providers.DeleteProvider,
  providers.TestProvider,
  reviews.ListQueues,
  reviews.CreateQueue,
  reviews.GetQueue,
  reviews.UpdateQueue,
  reviews.DeleteQueue,
  reviews.AddQueueItems,
  reviews.NextItem,
  reviews.ReleaseItem,
  reviews.UndoReview,
  reviews.QueueStatsOp,
  reviews.SubmitReview,
  audit.VerifyAudit,
  deployments.ReportDeployment,
  deployments.ListDeployments,
  GetOpenApiDocument,
] as Operation[];
