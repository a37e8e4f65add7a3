import { z } from "zod";
import { LABEL_EVENT_KINDS } from "@/db/schema/prompts";
import { bodyInt, IsoTimestamp, queryInt, safeText } from "@/lib/http/schema";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";
import { LabelParam, SlugParam } from "@/lib/prompts/wire";

/* The public wire of label moves and history (pattern: lib/prompts/wire.ts). */

const TAG = "Labels";
const Params = z.object({ slug: SlugParam, label: LabelParam });

export const MoveLabel = defineOperation({
  method: "put",
  path: "/prompts/{slug}/labels/{label}",
  operationId: "moveLabel",
  tag: TAG,
  summary: "Point a label at a version",
  description: "Promote (or roll back) by moving the label; the label's policy decides who may move it (production: admin by default).",
  auth: "apiKey",
  scope: "labels:write",
  params: Params,
  body: z.object({ version: bodyInt("version", { min: 1 }), reason: safeText("reason", { min: 1, max: 1000, trim: true }) }),
  success: {
    status: 200,
    description: "Where the label points now; `changed` is false when it already pointed there.",
    schema: z
      .object({
        label: z.string(),
        version: z.number().int(),
        previousVersion: z.number().int().nullable(),
        changed: z.boolean(),
        eventId: z.number().int().nullable(),
      })
      .meta({ id: "LabelMove" }),
  },
  errors: [...COMMON_ERRORS, 409],
});

export const LabelHistory = defineOperation({
  method: "get",
  path: "/prompts/{slug}/labels/{label}/history",
  operationId: "labelHistory",
  tag: TAG,
  summary: "A label's moves, newest first",
  auth: "apiKey",
  scope: "prompts:read",
  params: Params,
  query: z.object({ limit: queryInt("limit", { min: 1, max: 1000, description: "At most this many events (default 100)." }).optional() }),
  success: {
    status: 200,
    description: "The label's events.",
    schema: z.object({
      events: z.array(
        z
          .object({
            id: z.number().int(),
            label: z.string(),
            kind: z.enum(LABEL_EVENT_KINDS),
            from: z.number().int().nullable(),
            to: z.number().int(),
            reason: z.string(),
            actor: z.string(),
            at: IsoTimestamp,
          })
          .meta({ id: "LabelEvent" }),
      ),
    }),
  },
  errors: COMMON_ERRORS,
});
