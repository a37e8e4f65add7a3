import type { Metadata } from "next";
import Link from "next/link";
import { ClipboardCheck } from "lucide-react";
import { CreateQueueDialog } from "@/components/reviews/create-queue-dialog";
import { ProgressBar } from "@/components/reviews/progress-bar";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { listQueues } from "@/lib/reviews";
import { queueFormData } from "./form-data";

export const metadata: Metadata = { title: "Reviews" };

// Below md each row is a card: cells stack in a two-column grid instead of forcing the table wider than the phone.
const CELL = "max-md:block max-md:border-0 max-md:p-0";

export default async function ReviewsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug } = await params;
  const q = await searchParams;
  const { ctx } = await requireWorkspace(slug);
  if (!can(ctx, "queues:read")) {
    return (
      <>
        <PageHeader title="Reviews" />
        <Forbidden message={`Review queues need the reviewer role or higher; you are ${ctx.role}.`} backHref={`/w/${slug}`} />
      </>
    );
  }
  const manage = can(ctx, "queues:manage");
  const archived = manage && q.archived === "1";
  const [queues, form] = await Promise.all([listQueues({ ctx, input: { archived } }), manage ? queueFormData(ctx) : null]);
  const reviewer = can(ctx, "reviews:write");
  const base = `/w/${slug}/reviews`;
  return (
    <>
      <PageHeader
        title="Reviews"
        description="Queues of outputs for people to grade. Pick one and work through it with the keyboard (press ? on the review screen)."
        action={form && <CreateQueueDialog ws={slug} runs={form.runs} options={form.options} reviewers={form.reviewers} />}
      />
      {manage && (
        <nav className="mb-3 flex gap-3 text-sm" aria-label="Queue state">
          <Link href={base} aria-current={!archived ? "page" : undefined} className={!archived ? "font-medium text-zinc-900 dark:text-zinc-100" : "text-zinc-500 hover:text-zinc-900"}>
            Open
          </Link>
          <Link href={`${base}?archived=1`} aria-current={archived ? "page" : undefined} className={archived ? "font-medium text-zinc-900 dark:text-zinc-100" : "text-zinc-500 hover:text-zinc-900"}>
            Closed
          </Link>
        </nav>
      )}
      <Card>
        {queues.length === 0 ? (
          <EmptyState icon={ClipboardCheck} title={archived ? "No closed queues" : "No review queues yet"}>
            {archived
              ? "Queues you close appear here; they stop sampling and leave reviewers' lists."
              : manage
                ? "Create one with “New queue”: pick recent runs by hand, or sample production traffic with a filter."
                : "An editor creates queues; the ones you may work on will show up here."}
          </EmptyState>
        ) : (
          <Table className="max-md:block">
            <thead className="max-md:hidden">
              <tr>
                <Th>Queue</Th>
                <Th className="w-56">Progress</Th>
                <Th className="w-28 text-right">You today</Th>
                <Th className="w-28 text-right">Left for you</Th>
                <Th className="w-44" />
              </tr>
            </thead>
            <tbody className="max-md:block">
              {queues.map((queue) => (
                <tr key={queue.id} data-testid="queue-row" data-queue-id={queue.id} className="hover:bg-zinc-50 max-md:grid max-md:grid-cols-2 max-md:gap-x-4 max-md:gap-y-2 max-md:border-b max-md:border-zinc-100 max-md:px-4 max-md:py-3 dark:hover:bg-zinc-800/40 max-md:dark:border-zinc-800/60">
                  <Td className={CELL + " max-md:col-span-2"}>
                    <Link href={`${base}/${queue.id}${reviewer ? "" : "/results"}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                      {queue.name}
                    </Link>
                    <span className="ml-2 inline-flex flex-wrap gap-1 align-middle">
                      {queue.mode === "pairwise" && <Badge tone="blue">pairwise</Badge>}
                      {queue.blind && <Badge tone="amber">blind</Badge>}
                      {queue.hasFilter && <Badge tone="green">sampling {Math.round(queue.samplingRate * 1000) / 10}%</Badge>}
                      {queue.reviewsPerItem > 1 && <Badge>{queue.reviewsPerItem}× per item</Badge>}
                      {queue.assignees.length > 0 && <Badge title={queue.assignees.map((a) => a.name).join(", ")}>{queue.assignees.length} assigned</Badge>}
                    </span>
                  </Td>
                  <Td className={CELL + " max-md:col-span-2"}>
                    <div className="grid gap-1">
                      <span className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400" data-testid="queue-progress">
                        {queue.items === 0 ? "No items yet" : `${queue.done} / ${queue.total} reviews · ${queue.items} item${queue.items === 1 ? "" : "s"}`}
                      </span>
                      <ProgressBar done={queue.done} total={queue.total} label={`${queue.name} progress`} />
                    </div>
                  </Td>
                  <Td className={CELL + " text-right tabular-nums max-md:text-left"}>
                    <span className="text-xs text-zinc-500 md:hidden">You today </span>
                    {queue.mineToday}
                  </Td>
                  <Td className={CELL + " text-right tabular-nums max-md:text-left"}>
                    <span className="text-xs text-zinc-500 md:hidden">Left for you </span>
                    {queue.availableToMe}
                  </Td>
                  <Td className={CELL + " text-right max-md:col-span-2 max-md:text-left"}>
                    <span className="inline-flex gap-2">
                      <Link href={`${base}/${queue.id}/results`}>
                        <Button size="sm" variant="ghost" tabIndex={-1}>
                          Results
                        </Button>
                      </Link>
                      {reviewer && !queue.archived && (
                        <Link href={`${base}/${queue.id}`}>
                          <Button size="sm" variant={queue.availableToMe > 0 ? "primary" : "secondary"} tabIndex={-1}>
                            Review
                          </Button>
                        </Link>
                      )}
                    </span>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
