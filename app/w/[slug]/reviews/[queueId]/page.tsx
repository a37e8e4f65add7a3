import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { ReviewScreen } from "@/components/reviews/review-screen";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { isAppError, type AppError } from "@/lib/errors";
import { getReviewerQueue, nextItem } from "@/lib/reviews";
import { QueueTabs } from "@/components/reviews/queue-tabs";

export const metadata: Metadata = { title: "Review" };

/** The review screen. Everything it sends to the browser is the reviewer view: blind queues name no version or model. */
export default async function ReviewPage({ params }: { params: Promise<{ slug: string; queueId: string }> }) {
  const { slug, queueId } = await params;
  const { ctx } = await requireWorkspace(slug);
  const back = `/w/${slug}/reviews`;
  const guard = async <T,>(fn: () => Promise<T>): Promise<T | AppError> => {
    try {
      return await fn();
    } catch (e) {
      if (isAppError(e) && (e as AppError).code === "not_found") notFound();
      if (isAppError(e) && (e as AppError).code === "forbidden") return e as AppError;
      throw e;
    }
  };
  if (!can(ctx, "queues:read") || !can(ctx, "reviews:write")) {
    return (
      <>
        <PageHeader title="Review" />
        <Forbidden message={`Reviewing needs the reviewer role or higher; you are ${ctx.role}.`} backHref={`/w/${slug}`} />
      </>
    );
  }
  const queue = await guard(() => getReviewerQueue({ ctx, input: { queueId } }));
  if (queue instanceof Error) {
    return (
      <>
        <PageHeader title="Review" />
        <Forbidden message={queue.message} backHref={back} />
      </>
    );
  }
  const initial = await guard(() => nextItem({ ctx, input: { queueId } }));
  const base = `${back}/${queueId}`;
  const showResults = can(ctx, "queues:read");
  return (
    <>
      <Link href={back} className="mb-2 inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">
        <ChevronLeft className="size-4" /> Review queues
      </Link>
      <PageHeader
        title={queue.name}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <Badge tone={queue.mode === "pairwise" ? "blue" : "neutral"}>{queue.mode === "pairwise" ? "pairwise A/B" : "thumbs up/down"}</Badge>
            {queue.blind && <Badge tone="amber">blind</Badge>}
            <Badge>{queue.reviewsPerItem} review{queue.reviewsPerItem === 1 ? "" : "s"} per item</Badge>
          </span>
        }
      />
      <QueueTabs base={base} showResults={showResults} />
      {initial instanceof Error ? (
        <Forbidden message={initial.message} backHref={back} />
      ) : (
        <ReviewScreen ws={slug} queue={queue} initial={initial} resultsHref={showResults ? `${base}/results` : null} />
      )}
    </>
  );
}
