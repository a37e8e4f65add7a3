import { z } from "zod";
import { GENERATION_SOURCES } from "@/db/schema/generations";
import { QUEUE_MODES, REVIEW_VERDICTS } from "@/db/schema/reviews";

export const MAX_REVIEWS_PER_ITEM = 5;
/** Hand-picked generations per request. */
export const MAX_ITEMS_PER_REQUEST = 1000;
export const MAX_RUBRIC_LABELS = 6;
export const MAX_LABEL_OPTIONS = 9;

const uuid = (field: string) => z.uuid(`${field} must be a UUID.`);

export const RubricLabelSchema = z.object({
  name: z.string().trim().min(1, "A rubric label needs a name.").max(40, "Rubric label names are at most 40 characters."),
  options: z
    .array(z.string().trim().min(1, "Rubric options cannot be empty.").max(40, "Rubric options are at most 40 characters."))
    .min(2, "A rubric label needs at least two options.")
    .max(MAX_LABEL_OPTIONS, `A rubric label has at most ${MAX_LABEL_OPTIONS} options.`)
    .refine((o) => new Set(o).size === o.length, "A rubric label's options must differ."),
});

export const RubricSchema = z
  .array(RubricLabelSchema)
  .max(MAX_RUBRIC_LABELS, `A rubric has at most ${MAX_RUBRIC_LABELS} labels.`)
  .refine((r) => new Set(r.map((l) => l.name)).size === r.length, "Rubric label names must differ.");

const isoDate = (field: string) =>
  z
    .string()
    .refine((s) => !Number.isNaN(new Date(s).getTime()), `${field} must be a date (ISO 8601).`)
    .transform((s) => new Date(s).toISOString());

/** Which new generations a queue samples. Every field narrows; an empty filter takes every successful generation. */
export const QueueFilterSchema = z.object({
  promptId: uuid("filter.promptId").optional(),
  versionIds: z.array(uuid("filter.versionIds")).max(50).optional(),
  models: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
  sources: z.array(z.enum(GENERATION_SOURCES, { error: `filter.sources must be among ${GENERATION_SOURCES.join(", ")}.` })).max(GENERATION_SOURCES.length).optional(),
  from: isoDate("filter.from").optional(),
  to: isoDate("filter.to").optional(),
});
export type QueueFilterInput = z.input<typeof QueueFilterSchema>;

const queueFields = {
  name: z.string({ error: "name is required." }).trim().min(1, "name is required.").max(120, "name is at most 120 characters."),
  instructions: z.string().max(20_000, "instructions are at most 20,000 characters."),
  blind: z.boolean(),
  reviewsPerItem: z
    .number({ error: "reviewsPerItem must be a number." })
    .int("reviewsPerItem must be a whole number.")
    .min(1, "reviewsPerItem must be 1 to 5.")
    .max(MAX_REVIEWS_PER_ITEM, "reviewsPerItem must be 1 to 5."),
  rubric: RubricSchema,
  allowComment: z.boolean(),
  assigneeIds: z.array(uuid("assigneeIds")).max(200),
  filter: QueueFilterSchema.nullable(),
  samplingRate: z.number({ error: "samplingRate must be a number." }).gt(0, "samplingRate must be above 0 and at most 1.").max(1, "samplingRate must be above 0 and at most 1."),
};

export const CreateQueueInput = z.object({
  name: queueFields.name,
  instructions: queueFields.instructions.default(""),
  mode: z.enum(QUEUE_MODES, { error: 'mode must be "single" or "pairwise".' }).default("single"),
  blind: queueFields.blind.default(false),
  reviewsPerItem: queueFields.reviewsPerItem.default(1),
  rubric: queueFields.rubric.default([]),
  allowComment: queueFields.allowComment.default(true),
  assigneeIds: queueFields.assigneeIds.default([]),
  /** Hand-picked generations (pairwise: paired by same prompt and variables). */
  generationIds: z.array(uuid("generationIds")).max(MAX_ITEMS_PER_REQUEST).default([]),
  /** Keep sampling new generations that match; null: hand-picked only. */
  filter: queueFields.filter.default(null),
  samplingRate: queueFields.samplingRate.default(1),
  /** With a filter: also sample the matching generations that exist already (up to `backfillLimit`). */
  backfill: z.boolean().default(false),
  backfillLimit: z.number().int().min(1).max(MAX_ITEMS_PER_REQUEST).default(200),
});
export type CreateQueueInput = z.input<typeof CreateQueueInput>;

export const UpdateQueueInput = z.object({
  queueId: z.string(),
  name: queueFields.name.optional(),
  instructions: queueFields.instructions.optional(),
  blind: queueFields.blind.optional(),
  reviewsPerItem: queueFields.reviewsPerItem.optional(),
  rubric: queueFields.rubric.optional(),
  allowComment: queueFields.allowComment.optional(),
  assigneeIds: queueFields.assigneeIds.optional(),
  filter: queueFields.filter.optional(),
  samplingRate: queueFields.samplingRate.optional(),
  archived: z.boolean().optional(),
});
export type UpdateQueueInput = z.input<typeof UpdateQueueInput>;

export const AddItemsInput = z
  .object({
    queueId: z.string(),
    generationIds: z.array(uuid("generationIds")).max(MAX_ITEMS_PER_REQUEST).default([]),
    /** Pairwise only: explicit pairs, shown in random order. */
    pairs: z.array(z.tuple([uuid("pairs"), uuid("pairs")])).max(MAX_ITEMS_PER_REQUEST).default([]),
  })
  .refine((v) => v.generationIds.length + v.pairs.length > 0, { error: "Give generationIds (or, in a pairwise queue, pairs) to add." });
export type AddItemsInput = z.input<typeof AddItemsInput>;

export const NextItemInput = z.object({
  queueId: z.string(),
  /** Items skipped in this session: not offered again (their leases are released). */
  exclude: z.array(z.string()).max(1000).default([]),
});
export type NextItemInput = z.input<typeof NextItemInput>;

export const SubmitReviewInput = z.object({
  itemId: z.string({ error: "itemId is required." }),
  verdict: z.enum(REVIEW_VERDICTS, { error: 'verdict must be "up" or "down" (single) or "A", "B" or "tie" (pairwise).' }),
  labels: z.record(z.string(), z.string(), { error: "labels must be an object of label name to option." }).default({}),
  comment: z.string().max(5000, "comment is at most 5,000 characters.").nullish(),
});
export type SubmitReviewInput = z.input<typeof SubmitReviewInput>;

export const ItemRefInput = z.object({ itemId: z.string() });
export type ItemRefInput = z.input<typeof ItemRefInput>;

export const QueueRefInput = z.object({ queueId: z.string() });
export type QueueRefInput = z.input<typeof QueueRefInput>;
