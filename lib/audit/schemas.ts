import { z } from "zod";

/** `<noun>.<verb>`, lower case: "member.role_change", "api_key.create". */
export const AUDIT_ACTION_RE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

export const AppendAuditInput = z.object({
  action: z.string().regex(AUDIT_ACTION_RE, "Audit actions are <noun>.<verb> in lower case (for example member.invite)."),
  targetType: z.string().min(1).max(64),
  targetId: z.string().max(200).nullish(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type AppendAuditInput = z.input<typeof AppendAuditInput>;

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

export const ListAuditEventsInput = z.object({
  action: z.string().trim().min(1).max(100).optional(),
  actorId: z.string().trim().min(1).max(200).optional(),
  targetType: z.string().trim().min(1).max(100).optional(),
  /** Inclusive. */
  from: z.date({ error: "from must be a valid date." }).optional(),
  /** Exclusive. */
  to: z.date({ error: "to must be a valid date." }).optional(),
  /** The `nextCursor` of the previous page: events with a lower seq. */
  cursor: z.number().int().positive("cursor must be a positive integer.").optional(),
  limit: z.number().int().min(1, "limit must be at least 1.").max(AUDIT_PAGE_MAX, `limit must be at most ${AUDIT_PAGE_MAX}.`).default(AUDIT_PAGE_DEFAULT),
});
export type ListAuditEventsInput = z.input<typeof ListAuditEventsInput>;
