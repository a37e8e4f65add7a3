import { z } from "zod";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";

/* The public wire of the audit log (pattern: lib/prompts/wire.ts). */

export const VerifyAudit = defineOperation({
  method: "get",
  path: "/audit/verify",
  operationId: "verifyAuditChain",
  tag: "Audit",
  summary: "Verify the workspace's audit chain",
  description: "Recomputes every hash and link. 200 either way: `ok` says whether the chain holds, `reason` what broke.",
  auth: "apiKey",
  scope: "admin",
  success: {
    status: 200,
    description: "The verdict.",
    schema: z
      .object({
        ok: z.boolean(),
        events: z.number().int().meta({ description: "Events that verified." }),
        firstBrokenEventId: z.number().int().optional(),
        reason: z.string().optional(),
      })
      .meta({ id: "AuditVerification" }),
  },
  errors: COMMON_ERRORS,
});
