import Link from "next/link";
import { MessageSquare, ThumbsDown, ThumbsUp } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/time";
import type { QueueReviewRow } from "@/lib/reviews/types";

const VERDICT: Record<string, { text: string; tone: "green" | "red" | "blue" | "neutral" }> = {
  up: { text: "Good", tone: "green" },
  down: { text: "Bad", tone: "red" },
  A: { text: "A better", tone: "blue" },
  B: { text: "B better", tone: "blue" },
  tie: { text: "Tie", tone: "neutral" },
};

/** Each review with its comment and rubric labels beside the verdict, newest first; a list, so it reflows on a phone. */
export function ReviewList({ rows, limit, total, runsBase }: { rows: QueueReviewRow[]; limit: number; total: number; runsBase: string }) {
  const commented = rows.filter((r) => r.comment).length;
  return (
    <Card data-testid="review-list">
      <CardHeader
        title="Reviews and comments"
        description={rows.length === 0 ? "Each verdict with its labels and comment." : `${total > rows.length ? `The latest ${limit} of ${total}` : `All ${rows.length}`} · ${commented} with a comment. The CSV export has every one.`}
      />
      {rows.length === 0 ? (
        <EmptyState icon={MessageSquare} title="No reviews yet">
          Verdicts and comments show up here as reviewers work through the queue.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800/60">
          {rows.map((r) => {
            const v = VERDICT[r.verdict] ?? { text: r.verdict, tone: "neutral" as const };
            return (
              <li key={r.id} className="grid gap-1.5 px-5 py-3 sm:grid-cols-[6.5rem_1fr_auto] sm:items-start sm:gap-4" data-testid="review-row" data-verdict={r.verdict}>
                <span>
                  <Badge tone={v.tone} className="gap-1">
                    {r.verdict === "up" && <ThumbsUp className="size-3" aria-hidden />}
                    {r.verdict === "down" && <ThumbsDown className="size-3" aria-hidden />}
                    {v.text}
                  </Badge>
                </span>
                <div className="min-w-0">
                  {r.comment ? (
                    <p className="whitespace-pre-wrap break-words text-sm text-zinc-800 dark:text-zinc-200" data-testid="review-comment">
                      {r.comment}
                    </p>
                  ) : (
                    <p className="text-sm text-zinc-400">No comment</p>
                  )}
                  {Object.keys(r.labels).length > 0 && (
                    <div className="mt-1 flex flex-wrap gap-1">
                      {Object.entries(r.labels).map(([k, val]) => (
                        <Badge key={k}>
                          {k}: {val}
                        </Badge>
                      ))}
                    </div>
                  )}
                </div>
                <span className="text-xs text-zinc-500 sm:text-right">
                  {r.reviewer} · <RelativeTime date={new Date(r.createdAt)} />
                  {r.runIds.length > 0 && (
                    <span className="mt-0.5 flex gap-2 sm:justify-end">
                      {r.runIds.map((id, i) => (
                        <Link key={id} href={`${runsBase}/${id}`} className="text-zinc-700 underline underline-offset-2 hover:text-zinc-900 dark:text-zinc-300" data-testid="review-run-link">
                          {r.runIds.length > 1 ? `Run ${i === 0 ? "A" : "B"}` : "Open run"}
                        </Link>
                      ))}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
