import { z } from "zod";
import { QUEUE_MODES, REVIEW_VERDICTS } from "@/db/schema";
import { isoDateTime, IsoTimestamp, queryBool, safeText } from "@/lib/http/schema";
import { COMMON_ERRORS, defineOperation } from "@/lib/openapi/operation";
import { CreateQueueInput, MAX_ITEMS_PER_REQUEST, NextItemInput, QueueFilterSchema, SubmitReviewInput, UpdateQueueInput } from "./schemas";

/*
 * The public wire of review queues and reviews (pattern: lib/prompts/wire.ts). Keys automate queues; taking work
 * and giving verdicts needs the signed-in session of a person.
 */

const TAG = "Review queues";
const IdParams = z.object({ id: safeText("id", { min: 1, max: 100 }) });
const Mode = z.enum(QUEUE_MODES);
const nums = <K extends string>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>;

const Rubric = z.array(z.object({ name: z.string(), options: z.array(z.string()) })).meta({ id: "Rubric" });
const Filter = z
  .object({
    promptId: z.string().optional(),
    versionIds: z.array(z.string()).optional(),
    models: z.array(z.string()).optional(),
    sources: z.array(z.string()).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .meta({ id: "QueueFilter" });

/** The filter as a request carries it: dates within 1970-9999 (the verb's own check lets year 0 reach SQL). */
const FilterInput = QueueFilterSchema.extend({
  from: isoDateTime("filter.from").transform((d) => d.toISOString()).optional(),
  to: isoDateTime("filter.to").transform((d) => d.toISOString()).optional(),
});

export const Queue = z
  .object({
    id: z.string(),
    name: z.string(),
    instructions: z.string(),
    mode: Mode,
    blind: z.boolean(),
    reviewsPerItem: z.number().int(),
    rubric: Rubric,
    allowComment: z.boolean(),
    filter: Filter.nullable().meta({ description: "null when hand-picked only, or hidden from a reviewer of a blind queue." }),
    samplingRate: z.number(),
    assigneeIds: z.array(z.string()).optional(),
    archived: z.boolean(),
    createdAt: IsoTimestamp,
  })
  .meta({ id: "ReviewQueue" });

const AddItemsResult = z.object({ added: z.number().int(), skipped: z.array(z.object({ generationId: z.string(), reason: z.string() })) }).meta({ id: "AddItemsResult" });

const Progress = z.object(nums("items", "total", "done", "mine", "mineToday")).meta({ id: "ReviewerProgress" });
const ReviewerItem = z
  .object({
    itemId: z.string(),
    queueId: z.string(),
    mode: Mode,
    variables: z.record(z.string(), z.unknown()),
    outputs: z.array(
      z.object({
        side: z.enum(["A", "B"]).nullable(),
        text: z.string(),
        input: z.unknown(),
        meta: z.object({ prompt: z.string().nullable(), version: z.number().int().nullable(), model: z.string() }).nullable().meta({ description: "null in blind queues." }),
      }),
    ),
    leaseExpiresAt: IsoTimestamp,
  })
  .meta({ id: "ReviewerItem" });

export const SubmittedReview = z
  .object({ id: z.string(), itemId: z.string(), queueId: z.string(), verdict: z.enum(REVIEW_VERDICTS), labels: z.record(z.string(), z.string()), comment: z.string().nullable(), createdAt: IsoTimestamp })
  .meta({ id: "Review" });

const Rate = z.object({ key: z.string(), label: z.string(), ...nums("up", "down", "playground", "n"), rate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });
const Win = z.object({ key: z.string(), label: z.string(), ...nums("n", "wins", "losses", "ties"), rate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });

const QueueStats = z
  .object({
    queue: z.object({ id: z.string(), name: z.string(), mode: Mode, blind: z.boolean(), reviewsPerItem: z.number().int() }),
    progress: z.object(nums("items", "total", "done", "completedItems", "activeLeases")),
    reviewers: z.array(z.object({ userId: z.string().nullable(), name: z.string(), reviews: z.number(), today: z.number(), lastAt: z.string().nullable() })),
    byVersion: z.array(Rate).nullable(),
    byModel: z.array(Rate).nullable(),
    pairwise: z.array(Win).nullable(),
    labels: z.array(z.object({ name: z.string(), options: z.array(z.object({ option: z.string(), count: z.number() })) })),
    agreement: z.object({
      method: z.enum(["cohen", "fleiss"]).nullable(),
      kappa: z.number().nullable(),
      observed: z.number().nullable(),
      expected: z.number().nullable(),
      items: z.number(),
      raters: z.number(),
      strength: z.string().nullable(),
      description: z.string(),
    }),
    verdicts: z.record(z.string(), z.number()),
  })
  .meta({ id: "QueueStats" });

export const CreateQueue = defineOperation({
  method: "post",
  path: "/review-queues",
  operationId: "createReviewQueue",
  tag: TAG,
  summary: "Create a review queue",
  description: "With hand-picked `generationIds` and/or a `filter` that keeps sampling new generations.",
  auth: "apiKey",
  scope: "runs:write",
  body: CreateQueueInput.extend({ filter: FilterInput.nullable().default(null) }),
  success: { status: 201, description: "The queue, with what was added.", schema: Queue.extend(AddItemsResult.shape) },
  errors: [...COMMON_ERRORS, 413],
});

export const ListQueues = defineOperation({
  method: "get",
  path: "/review-queues",
  operationId: "listReviewQueues",
  tag: TAG,
  summary: "List review queues with progress",
  auth: "apiKey",
  scope: "prompts:read",
  query: z.object({ archived: queryBool("archived", "1 for archived queues instead of open ones.").optional() }),
  success: {
    status: 200,
    description: "The queues.",
    schema: z.object({
      queues: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          mode: Mode,
          blind: z.boolean(),
          reviewsPerItem: z.number().int(),
          hasFilter: z.boolean(),
          samplingRate: z.number(),
          archived: z.boolean(),
          createdAt: IsoTimestamp,
          ...nums("items", "total", "done", "completedItems"),
          assignees: z.array(z.object({ userId: z.string(), name: z.string() })),
        }),
      ),
    }),
  },
  errors: COMMON_ERRORS,
});

export const GetQueue = defineOperation({
  method: "get",
  path: "/review-queues/{id}",
  operationId: "getReviewQueue",
  tag: TAG,
  summary: "Get a review queue",
  auth: "apiKeyOrSession",
  scope: "prompts:read",
  params: IdParams,
  success: { status: 200, description: "The queue.", schema: Queue },
  errors: COMMON_ERRORS,
});

export const UpdateQueue = defineOperation({
  method: "patch",
  path: "/review-queues/{id}",
  operationId: "updateReviewQueue",
  tag: TAG,
  summary: "Edit a review queue",
  description: "Settings, reviewers, filter, or `archived`.",
  auth: "apiKeyOrSession",
  scope: "runs:write",
  params: IdParams,
  body: UpdateQueueInput.omit({ queueId: true }).extend({ filter: FilterInput.nullable().optional() }),
  success: { status: 200, description: "The queue after the change.", schema: Queue },
  errors: [...COMMON_ERRORS, 413],
});

export const DeleteQueue = defineOperation({
  method: "delete",
  path: "/review-queues/{id}",
  operationId: "deleteReviewQueue",
  tag: TAG,
  summary: "Delete a review queue with its items and reviews",
  auth: "apiKeyOrSession",
  scope: "admin",
  params: IdParams,
  success: { status: 200, description: "What was deleted.", schema: z.object({ id: z.string() }) },
  errors: COMMON_ERRORS,
});

export const AddQueueItems = defineOperation({
  method: "post",
  path: "/review-queues/{id}/items",
  operationId: "addReviewItems",
  tag: TAG,
  summary: "Add generations to a queue",
  auth: "apiKeyOrSession",
  scope: "runs:write",
  params: IdParams,
  body: z.object({
    generationIds: z.array(safeText("generationIds", { max: 100 })).max(MAX_ITEMS_PER_REQUEST).optional(),
    pairs: z.array(z.tuple([safeText("pairs", { max: 100 }), safeText("pairs", { max: 100 })])).max(MAX_ITEMS_PER_REQUEST).optional().meta({ description: "Pairwise queues: explicit [a, b] pairs." }),
  }),
  success: { status: 201, description: "What was added and what was skipped, with why.", schema: AddItemsResult },
  errors: [...COMMON_ERRORS, 413],
});

export const NextItem = defineOperation({
  method: "post",
  path: "/review-queues/{id}/next",
  operationId: "nextReviewItem",
  tag: TAG,
  summary: "Take the next item to review",
  description: "Leases the item to the signed-in caller for about 10 minutes. API keys get 403: a verdict belongs to a person.",
  auth: "apiKeyOrSession",
  params: IdParams,
  body: NextItemInput.pick({ exclude: true }).partial().optional(),
  success: { status: 200, description: "The item and the caller's progress.", schema: z.object({ item: ReviewerItem.nullable(), progress: Progress }) },
  errors: COMMON_ERRORS,
});

export const ReleaseItem = defineOperation({
  method: "post",
  path: "/review-queues/{id}/release",
  operationId: "releaseReviewItem",
  tag: TAG,
  summary: "Give an item back (skip)",
  auth: "apiKeyOrSession",
  params: IdParams,
  body: z.object({ itemId: safeText("itemId", { min: 1, max: 100 }) }),
  success: { status: 200, description: "Whether a lease was released.", schema: z.object({ released: z.boolean() }) },
  errors: COMMON_ERRORS,
});

export const UndoReview = defineOperation({
  method: "post",
  path: "/review-queues/{id}/undo",
  operationId: "undoReview",
  tag: TAG,
  summary: "Take back the caller's latest review",
  description: "Within 10 minutes; the item is leased to the caller again.",
  auth: "apiKeyOrSession",
  params: IdParams,
  success: { status: 200, description: "The item again, and the review that was undone.", schema: z.object({ item: ReviewerItem.nullable(), progress: Progress, undone: SubmittedReview }) },
  errors: [...COMMON_ERRORS, 409],
});

export const QueueStatsOp = defineOperation({
  method: "get",
  path: "/review-queues/{id}/stats",
  operationId: "reviewQueueStats",
  tag: TAG,
  summary: "Progress, rates and agreement",
  description: "Thumbs-up rates per version and model (95% Wilson), pairwise win rates, Cohen / Fleiss kappa. Breakdowns are null for reviewers of a blind queue.",
  auth: "apiKeyOrSession",
  scope: "prompts:read",
  params: IdParams,
  success: { status: 200, description: "The statistics.", schema: QueueStats },
  errors: COMMON_ERRORS,
});

export const SubmitReview = defineOperation({
  method: "post",
  path: "/reviews",
  operationId: "submitReview",
  tag: "Reviews",
  summary: "Give a verdict on an item",
  description: 'Signed-in session only; needs the caller\'s lease on the item or a free slot. `verdict`: "up"/"down" (single) or "A"/"B"/"tie" (pairwise).',
  auth: "apiKeyOrSession",
  body: SubmitReviewInput.extend({ itemId: safeText("itemId", { min: 1, max: 100 }) }),
  success: { status: 201, description: "The review.", schema: SubmittedReview },
  errors: [...COMMON_ERRORS, 409],
});
