import "server-only";
import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { labels, promptVersions, prompts } from "@/db/schema";
import type { ParsedGenerationRecord } from "./schemas";

export type Link = { ok: true; promptId: string | null; promptVersionId: string | null } | { ok: false; message: string };

type PromptRow = { id: string; slug: string; latestVersion: number };
type VersionRow = { id: string; promptId: string; number: number; hash: string };

/**
 * The prompt and version each row ran, resolved for the whole batch in at most three queries (prompts, labels,
 * versions), all scoped to the workspace: a slug, id or hash of another workspace is "not found", never linked.
 */
export async function resolveLinks(db: Db, workspaceId: string, rows: readonly ParsedGenerationRecord[]): Promise<Link[]> {
  const slugs = uniq(rows.map((r) => r.prompt));
  const promptIds = uniq(rows.map((r) => r.promptId));
  const promptRows: PromptRow[] =
    slugs.length || promptIds.length
      ? await db
          .select({ id: prompts.id, slug: prompts.slug, latestVersion: prompts.latestVersion })
          .from(prompts)
          .where(and(eq(prompts.workspaceId, workspaceId), or(slugs.length ? inArray(prompts.slug, slugs) : undefined, promptIds.length ? inArray(prompts.id, promptIds) : undefined)))
      : [];
  const bySlug = new Map(promptRows.map((p) => [p.slug, p]));
  const byPromptId = new Map(promptRows.map((p) => [p.id, p]));
  const promptOf = (r: ParsedGenerationRecord) => (r.prompt !== undefined ? bySlug.get(r.prompt) : r.promptId !== undefined ? byPromptId.get(r.promptId) : undefined);

  // Named labels (not "latest", which is the newest number) -> their current version.
  const labelKeys = new Map<string, { promptId: string; name: string }>();
  for (const r of rows) {
    const p = promptOf(r);
    if (p && r.label !== undefined && r.label !== "latest") labelKeys.set(`${p.id}|${r.label}`, { promptId: p.id, name: r.label });
  }
  const labelRows = labelKeys.size
    ? await db
        .select({ promptId: labels.promptId, name: labels.name, versionId: labels.versionId })
        .from(labels)
        .where(and(eq(labels.workspaceId, workspaceId), or(...[...labelKeys.values()].map((k) => and(eq(labels.promptId, k.promptId), eq(labels.name, k.name))))))
    : [];
  const labelTarget = new Map(labelRows.map((l) => [`${l.promptId}|${l.name}`, l.versionId]));

  // One query for every version asked for: by id (runs, labels), by (prompt, number), by hash.
  const versionIds = uniq([...rows.map((r) => r.promptVersionId), ...labelRows.map((l) => l.versionId ?? undefined)]);
  const numbered = new Map<string, SQL>();
  for (const r of rows) {
    const p = promptOf(r);
    if (!p || r.promptVersionId) continue;
    const n = r.version ?? (r.label === "latest" ? p.latestVersion : undefined);
    if (n !== undefined && n > 0) numbered.set(`${p.id}|${n}`, and(eq(promptVersions.promptId, p.id), eq(promptVersions.number, n))!);
  }
  const hashes = uniq(rows.map((r) => r.hash));
  const conds = [versionIds.length ? inArray(promptVersions.id, versionIds) : undefined, ...numbered.values(), hashes.length ? inArray(promptVersions.hash, hashes) : undefined].filter(Boolean);
  const versionRows: VersionRow[] = conds.length
    ? await db
        .select({ id: promptVersions.id, promptId: promptVersions.promptId, number: promptVersions.number, hash: promptVersions.hash })
        .from(promptVersions)
        .where(and(eq(promptVersions.workspaceId, workspaceId), or(...conds)))
    : [];
  const byVersionId = new Map(versionRows.map((v) => [v.id, v]));
  const byNumber = new Map(versionRows.map((v) => [`${v.promptId}|${v.number}`, v]));
  const byHash = new Map<string, VersionRow[]>();
  for (const v of versionRows) byHash.set(v.hash, [...(byHash.get(v.hash) ?? []), v]);

  return rows.map((r): Link => {
    if (r.promptVersionId !== undefined) {
      const v = byVersionId.get(r.promptVersionId);
      if (!v) return { ok: false, message: "promptVersionId: no such version in this workspace." };
      const p = promptOf(r);
      if ((r.prompt !== undefined || r.promptId !== undefined) && p?.id !== v.promptId) return { ok: false, message: "promptVersionId: the version belongs to another prompt." };
      return { ok: true, promptId: v.promptId, promptVersionId: v.id };
    }
    if (r.prompt !== undefined || r.promptId !== undefined) {
      const p = promptOf(r);
      if (!p) return { ok: false, message: r.prompt !== undefined ? `prompt: no prompt "${r.prompt}" in this workspace.` : "promptId: no such prompt in this workspace." };
      const name = r.prompt ?? p.slug;
      if (r.version !== undefined) {
        const v = byNumber.get(`${p.id}|${r.version}`);
        return v ? { ok: true, promptId: p.id, promptVersionId: v.id } : { ok: false, message: `version: prompt "${name}" has no version ${r.version}.` };
      }
      if (r.label !== undefined) {
        const v = r.label === "latest" ? byNumber.get(`${p.id}|${p.latestVersion}`) : byVersionId.get(labelTarget.get(`${p.id}|${r.label}`) ?? "");
        return v ? { ok: true, promptId: p.id, promptVersionId: v.id } : { ok: false, message: `label: label "${r.label}" of prompt "${name}" points at no version.` };
      }
      if (r.hash !== undefined) {
        const v = newest((byHash.get(r.hash) ?? []).filter((x) => x.promptId === p.id));
        return v ? { ok: true, promptId: p.id, promptVersionId: v.id } : { ok: false, message: `hash: no version of prompt "${name}" has this hash.` };
      }
      return { ok: true, promptId: p.id, promptVersionId: null };
    }
    if (r.hash !== undefined) {
      const matches = byHash.get(r.hash) ?? [];
      if (matches.length === 0) return { ok: false, message: "hash: no version in this workspace has this hash." };
      if (new Set(matches.map((m) => m.promptId)).size > 1) return { ok: false, message: "hash: versions of several prompts have this hash; send prompt (the slug) too." };
      const v = newest(matches)!;
      return { ok: true, promptId: v.promptId, promptVersionId: v.id };
    }
    return { ok: true, promptId: null, promptVersionId: null };
  });
}

/** A revert makes a new version equal to an old one (same hash): the newest is the one being served. */
function newest(versions: VersionRow[]): VersionRow | undefined {
  return versions.reduce<VersionRow | undefined>((best, v) => (!best || v.number > best.number ? v : best), undefined);
}

function uniq(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
