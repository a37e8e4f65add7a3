import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft, Download, EyeOff } from "lucide-react";
import { QueueAdmin } from "@/components/reviews/queue-admin";
import { QueueTabs } from "@/components/reviews/queue-tabs";
import { ReviewList } from "@/components/reviews/review-list";
import { AgreementCard, LabelCounts, ProgressCards, RateTable, ReviewersTable, WinTable } from "@/components/reviews/results";
import { Forbidden } from "@/components/shell/forbidden";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { isAppError, type AppError } from "@/lib/errors";
import { getQueue, getQueueStats, listQueueReviews, QUEUE_REVIEWS_LIMIT } from "@/lib/reviews";
import { queueFormData } from "../../form-data";

export const metadata: Metadata = { title: "Review results" };

export default async function ResultsPage({ params }: { params: Promise<{ slug: string; queueId: string }> }) {
  const { slug, queueId } = await params;
  const { ctx } = await requireWorkspace(slug);
  const back = `/w/${slug}/reviews`;
  if (!can(ctx, "queues:read")) {
    return (
      <>
        <PageHeader title="Review results" />
        <Forbidden message={`Review queues need the reviewer role or higher; you are ${ctx.role}.`} backHref={`/w/${slug}`} />
      </>
    );
  }
  let stats, reviewRows;
  try {
    [stats, reviewRows] = await Promise.all([getQueueStats({ ctx, input: { queueId } }), listQueueReviews({ ctx, input: { queueId } })]);
  } catch (e) {
    if (isAppError(e) && (e as AppError).code === "not_found") notFound();
    if (isAppError(e) && (e as AppError).code === "forbidden") {
      return (
        <>
          <PageHeader title="Review results" />
          <Forbidden message={(e as AppError).message} backHref={back} />
        </>
      );
    }
    throw e;
  }
  const manage = can(ctx, "queues:manage");
  const [queue, form] = manage ? await Promise.all([getQueue({ ctx, input: { queueId } }), queueFormData(ctx)]) : [null, null];
  const hidden = stats.byVersion === null && stats.pairwise === null;
  const base = `${back}/${queueId}`;
  const pairwise = stats.queue.mode === "pairwise";
  return (
    <>
      <Link href={back} className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">
        <ChevronLeft className="size-4" /> Review queues
      </Link>
      <PageHeader
        title={stats.queue.name}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <Badge tone={pairwise ? "blue" : "neutral"}>{pairwise ? "pairwise A/B" : "thumbs up/down"}</Badge>
            {stats.queue.blind && <Badge tone="amber">blind</Badge>}
            {queue?.archivedAt && <Badge tone="red">closed</Badge>}
          </span>
        }
        action={
          <div className="flex flex-wrap items-center gap-2">
            {queue && form && (
              <QueueAdmin
                ws={slug}
                queue={{
                  id: queue.id,
                  name: queue.name,
                  instructions: queue.instructions,
                  blind: queue.blind,
                  reviewsPerItem: queue.reviewsPerItem,
                  rubric: queue.rubric,
                  allowComment: queue.allowComment,
                  assigneeIds: queue.assigneeIds,
                  hasFilter: queue.filter !== null,
                  samplingRate: queue.samplingRate,
                  archived: queue.archivedAt !== null,
                }}
                runs={form.runs}
                reviewers={form.reviewers}
                canDelete={can(ctx, "queues:delete")}
              />
            )}
            {!hidden && (
              <a href={`${base}/export`} download data-testid="export-csv">
                <Button size="sm" variant="secondary" tabIndex={-1}>
                  <Download className="size-4" /> Export CSV
                </Button>
              </a>
            )}
          </div>
        }
      />
      <QueueTabs base={base} showResults />
      <div className="grid grid-cols-1 gap-6">
        <ProgressCards s={stats} />
        {hidden && (
          <Alert tone="success">
            <span className="inline-flex items-center gap-1.5">
              <EyeOff className="size-4" /> This queue is blind: results per version and model are shown to editors and above, never to its reviewers.
            </span>
          </Alert>
        )}
        {stats.byVersion && (
          <RateTable title="Thumbs-up rate per version" description="Queue reviews plus playground thumbs on the same outputs. 95% Wilson interval; n = votes." rows={stats.byVersion} testId="rates-version" />
        )}
        {stats.byModel && <RateTable title="Thumbs-up rate per model" description="The same votes grouped by model." rows={stats.byModel} testId="rates-model" />}
        {stats.pairwise && <WinTable rows={stats.pairwise} />}
        <ReviewList rows={reviewRows} limit={QUEUE_REVIEWS_LIMIT} total={stats.progress.done} runsBase={`/w/${slug}/runs`} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <AgreementCard a={stats.agreement} />
          <ReviewersTable rows={stats.reviewers} />
        </div>
        <LabelCounts labels={stats.labels} />
      </div>
    </>
  );
}
