/** Wire shapes of the review domain; client-safe (types only), shared by pages, actions, REST and components. */
import type { RubricLabel } from "@/db/schema/reviews";

export type { RubricLabel };
export type QueueMode = "single" | "pairwise";

/** What a reviewer may know of a queue: never its filter (it names versions and models). */
export interface ReviewerQueue {
  id: string;
  name: string;
  instructions: string;
  mode: QueueMode;
  blind: boolean;
  reviewsPerItem: number;
  rubric: RubricLabel[];
  allowComment: boolean;
}

/** Where an output came from; absent in blind queues. */
export interface OutputSourceMeta {
  prompt: string | null;
  version: number | null;
  model: string;
}

export interface ReviewerOutput {
  /** "A" / "B" as the reviewer sees them (pairwise, after `swapped`); null in single mode. */
  side: "A" | "B" | null;
  text: string;
  /** The rendered prompt sent to the model (messages), shown collapsed; null when none was recorded or hidden. */
  input: unknown;
  /** True when a blind pair's inputs differ, so showing them would reveal which side is which. */
  inputHidden?: boolean;
  /** null in blind queues: version, label and model never reach the reviewer. */
  meta: OutputSourceMeta | null;
}

/** One item leased to the reviewer. Carries no generation ids (they would let a reviewer look the run up). */
export interface ReviewerItem {
  itemId: string;
  queueId: string;
  mode: QueueMode;
  variables: Record<string, unknown>;
  outputs: ReviewerOutput[];
  leaseExpiresAt: string;
}

export interface ReviewerProgress {
  /** Items in the queue. */
  items: number;
  /** Reviews wanted in all: items x reviews per item. */
  total: number;
  /** Reviews given so far (all reviewers). */
  done: number;
  /** The caller's reviews in this queue, and since midnight UTC. */
  mine: number;
  mineToday: number;
}

export interface NextItemResult {
  item: ReviewerItem | null;
  progress: ReviewerProgress;
}

export interface SubmittedReview {
  id: string;
  itemId: string;
  queueId: string;
  /** As the reviewer gave it (A/B relative to what they saw). */
  verdict: "up" | "down" | "A" | "B" | "tie";
  labels: Record<string, string>;
  comment: string | null;
  createdAt: string;
}

export interface QueueSummary {
  id: string;
  name: string;
  mode: QueueMode;
  blind: boolean;
  reviewsPerItem: number;
  hasFilter: boolean;
  samplingRate: number;
  archived: boolean;
  createdAt: string;
  items: number;
  total: number;
  done: number;
  completedItems: number;
  mine: number;
  mineToday: number;
  /** Items the caller could still take (not reviewed by them and short of reviews). */
  availableToMe: number;
  assignees: { userId: string; name: string }[];
}

export interface RateRow {
  key: string;
  label: string;
  up: number;
  down: number;
  /** Of which from playground thumbs. */
  playground: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export interface WinRow {
  key: string;
  label: string;
  n: number;
  wins: number;
  losses: number;
  ties: number;
  /** (wins + ties / 2) / n, with its Wilson interval. */
  rate: number | null;
  low: number | null;
  high: number | null;
}

export interface AgreementView {
  method: "cohen" | "fleiss" | null;
  kappa: number | null;
  observed: number | null;
  expected: number | null;
  items: number;
  raters: number;
  strength: string | null;
  description: string;
}

export interface QueueStats {
  queue: { id: string; name: string; mode: QueueMode; blind: boolean; reviewsPerItem: number };
  progress: { items: number; total: number; done: number; completedItems: number; activeLeases: number };
  reviewers: { userId: string | null; name: string; reviews: number; today: number; lastAt: string | null }[];
  /** null when hidden: a blind queue's breakdown is for those who manage queues, not for its reviewers. */
  byVersion: RateRow[] | null;
  byModel: RateRow[] | null;
  pairwise: WinRow[] | null;
  labels: { name: string; options: { option: string; count: number }[] }[];
  agreement: AgreementView;
  verdicts: Record<string, number>;
}

/** One review as Results lists it: verdict, labels and comment beside who gave it and when. */
export interface QueueReviewRow {
  id: string;
  itemId: string | null;
  verdict: string;
  labels: Record<string, string>;
  comment: string | null;
  reviewer: string;
  createdAt: string;
  /** The runs judged (canonical A then B): empty when the caller may not see where outputs came from. */
  runIds: string[];
}
