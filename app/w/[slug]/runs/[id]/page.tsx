import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { RunDetail } from "@/components/runs/run-detail";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { isAppError, type AppError } from "@/lib/errors";
import { getRunDetail, type RunDetail as Detail } from "@/lib/runs";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { ctx } = await requireWorkspace(slug);
  let run: Detail;
  try {
    run = await getRunDetail({ ctx, input: { id } });
  } catch (e) {
    if (isAppError(e) && (e as AppError).code === "not_found") notFound();
    if (isAppError(e) && (e as AppError).code === "forbidden") {
      return (
        <>
          <PageHeader title="Run" />
          <Forbidden message={(e as AppError).message} backHref={`/w/${slug}`} />
        </>
      );
    }
    throw e;
  }
  const promptHref = run.promptSlug ? `/w/${slug}/prompts/${run.promptSlug}` : null;
  const model = run.connectionName ? `${run.connectionName}/${run.model}` : run.model;
  return (
    <>
      {promptHref && (
        <Link href={`${promptHref}?tab=runs`} className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">
          <ChevronLeft className="size-4" /> Runs of {run.promptSlug}
        </Link>
      )}
      <PageHeader
        title={`Run of ${run.promptSlug ?? "a deleted prompt"}`}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            {run.isDraft ? <Badge tone="amber">draft</Badge> : run.versionNumber !== null ? <Badge>v{run.versionNumber}</Badge> : null}
            <Badge tone="blue">{model}</Badge>
            <span className="font-mono text-xs">{run.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC</span>
          </span>
        }
      />
      <RunDetail
        ws={slug}
        pricesHref={can(ctx, "providers:manage") ? `/w/${slug}/settings/models#prices` : null}
        run={{
          id: run.id,
          createdAt: run.createdAt.toISOString(),
          prompt: run.promptSlug,
          version: run.versionNumber,
          isDraft: run.isDraft,
          model,
          provider: run.provider,
          source: run.source,
          status: run.status,
          error: run.error,
          output: run.output,
          input: run.input,
          variables: run.variables,
          params: run.params,
          inputTokens: run.inputTokens,
          outputTokens: run.outputTokens,
          latencyMs: run.latencyMs,
          ttftMs: run.timeToFirstTokenMs,
          costUsd: run.costUsd,
          schemaValid: run.schemaValid,
          feedback: run.feedback.map((f) => ({ ...f, at: f.at.toISOString() })),
        }}
      />
    </>
  );
}
