import { z } from "zod";
import { JOB_STATUSES } from "@/db/schema/jobs";
import { JOB_KIND_RE } from "./define";

export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const JobKindSchema = z
  .string()
  .max(100, "Job kind must be at most 100 characters.")
  .regex(JOB_KIND_RE, 'Job kind must look like "domain.action" (lowercase).');

export const EnqueueJobInput = z.object({
  kind: JobKindSchema,
  payload: z.unknown().optional(),
  /** Not before this time (default: now, or now + delayMs). */
  runAt: z.coerce.date({ error: "runAt must be a date." }).optional(),
  delayMs: z.number().int().min(0).max(366 * 24 * 3600_000, "delayMs must be at most a year.").optional(),
  maxAttempts: z.number().int().min(1, "maxAttempts must be 1 or more.").max(100, "maxAttempts must be at most 100.").optional(),
  priority: z.number().int().min(-1000).max(1000).optional(),
  /** At most one queued or running job per (kind, key): enqueueing again returns the existing one. */
  key: z.string().min(1).max(200, "key must be at most 200 characters.").optional(),
});
export type EnqueueJobInput = z.input<typeof EnqueueJobInput>;

export const JobRef = z.object({ id: z.uuid("Unknown job.") });

export const ListJobsInput = z.object({
  kind: JobKindSchema.optional(),
  status: z.enum(JOB_STATUSES, { error: `status must be one of: ${JOB_STATUSES.join(", ")}.` }).optional(),
  limit: z.number().int().min(1, "limit must be 1 or more.").max(200, "limit must be at most 200.").default(50),
});
export type ListJobsInput = z.input<typeof ListJobsInput>;
