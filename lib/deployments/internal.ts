import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { prompts, promptVersions, type Deployment, type DeploymentPrompt } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { resolveLabel } from "@/lib/prompts";

export type PromptStatusValue = "in_sync" | "behind" | "unknown_content";

export interface Computed {
  slug: string;
  label: string | null;
  status: PromptStatusValue;
  reportedVersion: number | null;
  expectedVersion: number | null;
  hash: string;
  reportedAt: string;
  driftSince: string | null;
}

/**
 * One reported prompt against the registry now. The hash decides: it names the version the app really serves
 * (any version of that prompt with that content), whatever version number the app believes. No version with
 * that hash: the content was edited outside Promptyard ("unknown content").
 */
export async function computeStatus(db: Db, workspaceId: string, row: Pick<DeploymentPrompt, "slug" | "label" | "hash" | "reportedAt" | "driftSince">): Promise<Computed> {
  const base = { slug: row.slug, label: row.label, hash: row.hash, reportedAt: row.reportedAt.toISOString(), driftSince: row.driftSince?.toISOString() ?? null };
  const [prompt] = await db.select().from(prompts).where(and(eq(prompts.workspaceId, workspaceId), eq(prompts.slug, row.slug)));
  if (!prompt) return { ...base, status: "unknown_content", reportedVersion: null, expectedVersion: null };
  const [match] = await db
    .select({ number: promptVersions.number })
    .from(promptVersions)
    .where(and(eq(promptVersions.promptId, prompt.id), eq(promptVersions.hash, row.hash)))
    .orderBy(desc(promptVersions.number))
    .limit(1);
  if (row.label === null) return { ...base, status: match ? "in_sync" : "unknown_content", reportedVersion: match?.number ?? null, expectedVersion: match?.number ?? null };
  const expected = await resolveLabel(db, prompt, row.label).catch(() => null);
  if (!match) return { ...base, status: "unknown_content", reportedVersion: null, expectedVersion: expected?.number ?? null };
  const inSync = expected !== null && expected.hash === row.hash;
  return { ...base, status: inSync ? "in_sync" : "behind", reportedVersion: match.number, expectedVersion: expected?.number ?? null };
}

export function silenceMs(): number {
  return getEnv().PROMPTYARD_DRIFT_SILENT_MINUTES * 60_000;
}

export function isSilent(d: Pick<Deployment, "lastSeenAt">, now = new Date()): boolean {
  return now.getTime() - d.lastSeenAt.getTime() > silenceMs();
}
