import Link from "next/link";
import { Activity, ThumbsDown, ThumbsUp } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";

export type RunRowView = {
  id: string;
  createdAt: string;
  version: number | null;
  isDraft: boolean;
  model: string;
  source: string;
  status: "success" | "error";
  error: string | null;
  output: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  costUsd: number | null;
  thumbsUp: number;
  thumbsDown: number;
};

export function RunsTable({ runs, playgroundHref, nextHref, runBase }: { runs: RunRowView[]; playgroundHref: string | null; nextHref: string | null; runBase: string }) {
  return (
    <Card>
      <CardHeader
        title="Run history"
        description="Every run of this prompt: playground, API and evaluations. Newest first."
        action={
          playgroundHref && (
            <Link href={playgroundHref}>
              <Button size="sm" variant="secondary">
                Open in playground
              </Button>
            </Link>
          )
        }
      />
      {runs.length === 0 ? (
        <EmptyState icon={Activity} title="No runs yet">
          Runs from the playground and the API appear here with their tokens, latency and cost.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th className="w-40">When (UTC)</Th>
              <Th className="w-20">Version</Th>
              <Th className="w-48">Model</Th>
              <Th>Output</Th>
              <Th className="w-28">Tokens</Th>
              <Th className="w-20">Latency</Th>
              <Th className="w-24">Cost</Th>
              <Th className="w-20">Rating</Th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} data-testid="run-row">
                <Td className="font-mono text-xs">
                  <Link href={`${runBase}/${r.id}`} className="text-zinc-900 underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-900 dark:text-zinc-100" data-testid="run-link">
                    {r.createdAt.slice(0, 19).replace("T", " ")}
                  </Link>
                </Td>
                <Td>{r.isDraft ? <Badge tone="amber">draft</Badge> : `v${r.version ?? "?"}`}</Td>
                <Td className="truncate font-mono text-xs">{r.model}</Td>
                <Td className="max-w-0">
                  {r.status === "error" ? <span className="text-xs text-red-600">{r.error}</span> : <span className="block truncate text-xs">{r.output}</span>}
                  <span className="text-[10px] uppercase text-zinc-400">{r.source}</span>
                </Td>
                <Td className="text-xs tabular-nums">
                  {r.inputTokens ?? "?"} → {r.outputTokens ?? "?"}
                </Td>
                <Td className="text-xs tabular-nums">{r.latencyMs === null ? "—" : `${r.latencyMs} ms`}</Td>
                <Td className="text-xs tabular-nums">{r.costUsd === null ? "n/a" : `$${r.costUsd.toFixed(6)}`}</Td>
                <Td className="text-xs tabular-nums" data-testid="run-rating" data-up={r.thumbsUp} data-down={r.thumbsDown}>
                  {r.thumbsUp || r.thumbsDown ? (
                    <span className="inline-flex items-center gap-1.5">
                      <ThumbsUp className="size-3" aria-label="thumbs up" /> {r.thumbsUp}
                      <ThumbsDown className="size-3" aria-label="thumbs down" /> {r.thumbsDown}
                    </span>
                  ) : (
                    "—"
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {nextHref && (
        <div className="border-t border-zinc-200 px-5 py-3 text-sm dark:border-zinc-800">
          <Link href={nextHref}>Older runs →</Link>
        </div>
      )}
    </Card>
  );
}
