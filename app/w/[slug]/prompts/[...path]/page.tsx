import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TabNav } from "@/components/shell/nav-link";
import { ComparePanel, type CompareSide } from "@/components/prompts/compare-panel";
import { DetailsPanel } from "@/components/prompts/details-panel";
import { EnvironmentsPanel } from "@/components/prompts/environments-panel";
import { PromptHeader } from "@/components/prompts/prompt-header";
import { PromptWorkbench } from "@/components/prompts/workbench";
import { LiveWorkbench } from "@/components/realtime/live-workbench-client-only";
import { RunsTable } from "@/components/prompts/runs-table";
import { VersionsTable } from "@/components/prompts/versions-table";
import { cn } from "@/components/ui/cn";
import { DeploymentsTable } from "@/components/deployments/deployments-table";
import { listDeployments } from "@/lib/deployments";
import { getEnv } from "@/lib/env";
import { requireWorkspace } from "@/lib/auth/session";
import { atLeast } from "@/lib/auth/permissions";
import { can } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { labelHistory, labelsAt, listLabelPolicies } from "@/lib/labels";
import { getPrompt, getPromptUsage, getVersion, listVersions, parseSelector } from "@/lib/prompts";
import { readLiveDraft } from "@/lib/drafts";
import { listRuns } from "@/lib/runs";
import { extractFromContent } from "@/lib/templates";

type Props = { params: Promise<{ slug: string; path: string[] }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { path } = await params;
  return { title: path.map(decodeURIComponent).join("/") };
}

const TABS = [
  ["editor", "Editor"],
  ["versions", "Versions"],
  ["compare", "Compare"],
  ["environments", "Environments"],
  ["runs", "Runs"],
  ["details", "Details"],
] as const;

export default async function PromptPage({ params, searchParams }: Props) {
  const { slug: ws, path } = await params;
  const q = await searchParams;
  const promptSlug = path.map(decodeURIComponent).join("/");
  const { ctx, user } = await requireWorkspace(ws);
  const data = await getPrompt({ ctx, slug: promptSlug }).catch((e) => {
    if (isAppError(e) && (e as { code: string }).code === "not_found") notFound();
    throw e;
  });
  const { prompt, labels, latest } = data;
  const tab = TABS.some(([t]) => t === q.tab) ? q.tab! : "editor";
  const base = `/w/${ws}/prompts/${prompt.slug}`;
  const canWrite = can(ctx, "prompts:write") && !prompt.archivedAt;
  const canMove = can(ctx, "labels:move");

  return (
    <>
      <PromptHeader ws={ws} prompt={{ slug: prompt.slug, type: prompt.type, description: prompt.description, tags: prompt.tags, isComponent: prompt.isComponent, archived: Boolean(prompt.archivedAt) }} labels={labels.map((l) => ({ name: l.name, version: l.version }))} latest={prompt.latestVersion} canRun={can(ctx, "runs:create")} />
      <TabNav label="Prompt">
        {TABS.map(([t, label]) => (
          <Link
            key={t}
            href={t === "editor" ? base : `${base}?tab=${t}`}
            aria-current={tab === t ? "page" : undefined}
            className={cn(
              "-mb-px shrink-0 whitespace-nowrap border-b-2 px-1 pb-2 text-sm font-medium",
              tab === t ? "border-zinc-900 text-zinc-900 dark:border-zinc-100 dark:text-zinc-100" : "border-transparent text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
            )}
          >
            {label}
          </Link>
        ))}
      </TabNav>
      {tab === "editor" && latest && !prompt.archivedAt && (
        <LiveWorkbench
          key={prompt.id}
          ws={ws}
          slug={prompt.slug}
          promptId={prompt.id}
          type={prompt.type}
          base={{ number: latest.number, semver: latest.semver, content: latest.content, config: latest.config, variables: latest.variables }}
          user={{ id: user.id, name: user.name }}
        />
      )}
      {tab === "editor" && latest && prompt.archivedAt && (
        <PromptWorkbench
          key={latest.number}
          ws={ws}
          slug={prompt.slug}
          type={prompt.type}
          base={{ number: latest.number, semver: latest.semver, content: latest.content, config: latest.config, variables: latest.variables }}
          readOnly
          readOnlyReason="This prompt is archived: unarchive it in Details to edit."
        />
      )}
      {tab === "versions" && <VersionsTab ws={ws} slug={prompt.slug} canWrite={canWrite} canMove={canMove} />}
      {tab === "compare" && <CompareTab ws={ws} slug={prompt.slug} latest={prompt.latestVersion} from={q.from} to={q.to} />}
      {tab === "environments" && <EnvironmentsTab ws={ws} slug={prompt.slug} at={q.at} canMove={canMove} labels={labels} />}
      {tab === "runs" && <RunsTab ws={ws} slug={prompt.slug} cursor={q.cursor} />}
      {tab === "details" && <DetailsTab ws={ws} slug={prompt.slug} canWrite={can(ctx, "prompts:write")} />}
    </>
  );

  /** Each label with the role its policy needs, and whether the caller has it (so forms offer only what will work). */
  async function labelRules() {
    const policies = await listLabelPolicies({ ctx });
    return labels.map((l) => {
      const minRole = (policies.find((p) => p.label === l.name) ?? { minRole: l.name === "production" ? ("admin" as const) : ("editor" as const) }).minRole;
      return { name: l.name, minRole, allowed: atLeast(ctx.role!, minRole) };
    });
  }

  async function VersionsTab({ ws, slug, canWrite, canMove }: { ws: string; slug: string; canWrite: boolean; canMove: boolean }) {
    const versions = await listVersions({ ctx, slug });
    return (
      <VersionsTable
        ws={ws}
        slug={slug}
        canWrite={canWrite}
        canMove={canMove}
        labels={await labelRules()}
        role={ctx.role!}
        versions={versions.map((v) => ({ number: v.number, semver: v.semver, message: v.message, author: v.authorName ?? (v.authorKeyId ? "API key" : "system"), createdAt: v.createdAt.toISOString(), labels: v.labels, hash: v.hash }))}
      />
    );
  }

  /** A compare side: "3" / "v3" a version, "draft" the live draft, anything else a label ("production", "latest"). */
  async function compareSide(key: string, slug: string): Promise<CompareSide | null> {
    if (key === "draft") {
      const d = await readLiveDraft({ ctx, input: { slug } }).catch(() => null);
      if (!d) return null;
      let variables: string[] = [];
      try {
        variables = extractFromContent(d.content as never).variables;
      } catch {
        // A template that does not parse yet has no variables to compare.
      }
      return { title: `live draft (on v${d.baseVersion})`, content: d.content, config: d.config as Record<string, unknown>, variables };
    }
    const m = /^v?(\d+)$/.exec(key);
    const label = m ? null : key === "latest" ? { name: "latest", version: prompt.latestVersion } : labels.find((l) => l.name === key);
    const number = m ? Number(m[1]) : label?.version;
    if (!number) return null;
    const got = await getVersion({ ctx, slug, number }).catch(() => null);
    if (!got) return null;
    const v = got.version;
    return { title: label ? `${label.name} (v${v.number}, ${v.semver})` : `v${v.number} (${v.semver})`, content: v.content, config: v.config as Record<string, unknown>, variables: v.variables };
  }

  async function CompareTab({ ws, slug, latest, from, to }: { ws: string; slug: string; latest: number; from?: string; to?: string }) {
    const toKey = to || String(latest);
    const fromKey = from || (/^\d+$/.test(toKey) ? String(Math.max(1, Number(toKey) - 1)) : String(latest));
    const [a, b] = await Promise.all([compareSide(fromKey, slug), compareSide(toKey, slug)]);
    const options = [
      { value: "draft", label: "Live draft" },
      ...labels.filter((l) => l.version).map((l) => ({ value: l.name, label: `${l.name} (v${l.version})` })),
      ...Array.from({ length: latest }, (_, i) => ({ value: String(latest - i), label: `v${latest - i}` })),
    ];
    return <ComparePanel ws={ws} slug={slug} options={options} fromKey={fromKey} toKey={toKey} from={a} to={b} />;
  }

  async function EnvironmentsTab({ ws, slug, at, canMove, labels }: { ws: string; slug: string; at?: string; canMove: boolean; labels: { name: string; version: number | null }[] }) {
    let atResult = null;
    let atError: string | null = null;
    if (at) {
      try {
        const sel = parseSelector({ at });
        atResult = await labelsAt({ ctx, input: { slug, at: sel.at! } });
      } catch (e) {
        atError = e instanceof Error ? e.message : "Invalid date.";
      }
    }
    const [history, rules, deployments] = await Promise.all([labelHistory({ ctx, input: { slug, limit: 200 } }), labelRules(), listDeployments({ ctx, input: { prompt: slug } })]);
    return (
      <>
      <EnvironmentsPanel
        ws={ws}
        slug={slug}
        canMove={canMove}
        labels={labels.map((l) => ({ ...l, minRole: rules.find((r) => r.name === l.name)!.minRole, allowed: rules.find((r) => r.name === l.name)!.allowed }))}
        role={ctx.role!}
        history={history.map((h) => ({ id: h.id, label: h.label, kind: h.kind, from: h.from, to: h.to, reason: h.reason, actor: h.actor, at: h.at.toISOString() }))}
        at={at ?? null}
        atResult={atResult ? { at: atResult.at.toISOString(), labels: atResult.labels } : null}
        atError={atError}
      />
      <section className="mt-6" aria-labelledby="deployments-heading">
        <h2 id="deployments-heading" className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Deployments serving this prompt
        </h2>
        <DeploymentsTable ws={ws} deployments={deployments} showPrompt={false} silentMinutes={getEnv().PROMPTYARD_DRIFT_SILENT_MINUTES} />
      </section>
      </>
    );
  }

  async function RunsTab({ ws, slug, cursor }: { ws: string; slug: string; cursor?: string }) {
    const { runs, nextCursor } = await listRuns({ ctx, input: { promptSlug: slug, limit: 50, cursor } });
    return (
      <RunsTable
        playgroundHref={can(ctx, "runs:create") ? `/w/${ws}/playground?prompt=${encodeURIComponent(slug)}` : null}
        runBase={`/w/${ws}/runs`}
        nextHref={nextCursor ? `/w/${ws}/prompts/${slug}?tab=runs&cursor=${nextCursor}` : null}
        runs={runs.map((r) => ({
          id: r.id,
          createdAt: r.createdAt.toISOString(),
          version: r.versionNumber,
          isDraft: r.isDraft,
          model: r.connectionName ? `${r.connectionName}/${r.model}` : r.model,
          source: r.source,
          status: r.status,
          error: r.error,
          output: r.output,
          inputTokens: r.inputTokens,
          outputTokens: r.outputTokens,
          latencyMs: r.latencyMs,
          costUsd: r.costUsd,
          thumbsUp: r.thumbsUp,
          thumbsDown: r.thumbsDown,
        }))}
      />
    );
  }

  async function DetailsTab({ ws, slug, canWrite }: { ws: string; slug: string; canWrite: boolean }) {
    const usage = await getPromptUsage({ ctx, slug });
    return (
      <DetailsPanel
        ws={ws}
        prompt={{ slug, type: prompt.type, description: prompt.description, tags: prompt.tags, isComponent: prompt.isComponent, archived: Boolean(prompt.archivedAt), createdAt: prompt.createdAt.toISOString() }}
        usage={usage}
        canWrite={canWrite}
      />
    );
  }
}
