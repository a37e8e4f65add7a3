import Link from "next/link";
import { AlertTriangle, MessageSquare, ThumbsDown, ThumbsUp, Trophy } from "lucide-react";
import { Markdown } from "@/components/reviews/markdown";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { RunFeedback } from "@/lib/runs";

export type RunDetailView = {
  id: string;
  createdAt: string;
  prompt: string | null;
  version: number | null;
  isDraft: boolean;
  model: string;
  provider: string;
  source: string;
  status: "success" | "error";
  error: string | null;
  output: string | null;
  input: unknown;
  variables: Record<string, unknown>;
  params: Record<string, unknown>;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  ttftMs: number | null;
  costUsd: number | null;
  schemaValid: boolean | null;
  /** lib/runs' RunFeedback as it crosses to the page (dates as ISO strings). */
  feedback: (Omit<RunFeedback, "at"> & { at: string })[];
};

/** Pretty JSON when the output is JSON (a response schema), else markdown with raw HTML off. */
function Output({ text }: { text: string }) {
  const t = text.trim();
  if (t.startsWith("{") || t.startsWith("[")) {
    try {
      return <pre className="overflow-x-auto whitespace-pre-wrap break-words font-mono text-xs leading-relaxed">{JSON.stringify(JSON.parse(t), null, 2)}</pre>;
    } catch {
      // not JSON after all: fall through to markdown
    }
  }
  return <Markdown text={text} />;
}

type Message = { role: string; content: string };
const isMessages = (v: unknown): v is Message[] => Array.isArray(v) && v.every((m) => m && typeof m === "object" && typeof (m as Message).content === "string");

function RenderedInput({ input }: { input: unknown }) {
  if (input === null || input === undefined) return <p className="text-sm text-zinc-500">Not reported: this run was recorded without its rendered input.</p>;
  if (typeof input === "string") return <pre className="whitespace-pre-wrap break-words font-mono text-xs leading-relaxed">{input}</pre>;
  if (isMessages(input)) {
    return (
      <div className="grid gap-3">
        {input.map((m, i) => (
          <div key={i}>
            <div className="mb-1 text-[11px] font-medium uppercase tracking-wide text-zinc-500">{m.role}</div>
            <pre className="whitespace-pre-wrap break-words rounded-md bg-zinc-50 p-3 font-mono text-xs leading-relaxed dark:bg-zinc-950">{m.content}</pre>
          </div>
        ))}
      </div>
    );
  }
  return <pre className="overflow-x-auto whitespace-pre-wrap break-words font-mono text-xs">{JSON.stringify(input, null, 2)}</pre>;
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 font-mono text-sm tabular-nums text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

const OUTCOME = {
  up: { icon: ThumbsUp, text: "thumbs up", tone: "green" },
  down: { icon: ThumbsDown, text: "thumbs down", tone: "red" },
  won: { icon: Trophy, text: "preferred", tone: "green" },
  lost: { icon: ThumbsDown, text: "not preferred", tone: "red" },
  tie: { icon: MessageSquare, text: "tie", tone: "neutral" },
} as const;

export function RunDetail({ run, ws, pricesHref }: { run: RunDetailView; ws: string; pricesHref: string | null }) {
  const vars = Object.entries(run.variables);
  const params = Object.entries(run.params);
  return (
    <div className="grid gap-6">
      <Card>
        <CardBody>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="run-stats">
            <Stat label="Status">
              {run.status === "success" ? <Badge tone="green">success</Badge> : <Badge tone="red">error</Badge>}
              {run.schemaValid === false && (
                <Badge tone="amber" className="ml-1">
                  schema mismatch
                </Badge>
              )}
            </Stat>
            <Stat label="Tokens in → out">
              {run.inputTokens ?? "?"} → {run.outputTokens ?? "?"}
            </Stat>
            <Stat label="Latency">{run.latencyMs === null ? "—" : `${run.latencyMs} ms`}</Stat>
            <Stat label="First token">{run.ttftMs === null ? "—" : `${run.ttftMs} ms`}</Stat>
            <Stat label="Cost">
              {run.costUsd !== null ? (
                `$${run.costUsd.toFixed(6)}`
              ) : pricesHref ? (
                <Link href={pricesHref} className="underline decoration-dotted underline-offset-2" title="No price for this model: add one in the price table">
                  n/a
                </Link>
              ) : (
                <span title="No price for this model in the workspace's price table">n/a</span>
              )}
            </Stat>
            <Stat label="Source">{run.source}</Stat>
          </dl>
        </CardBody>
      </Card>

      {run.status === "error" && (
        <div role="alert" className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="break-words">{run.error ?? "The model call failed without a message."}</span>
        </div>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader title="Output" description={run.output ? undefined : "No output was stored."} />
          {run.output && (
            <CardBody className="max-h-[36rem] overflow-y-auto" data-testid="run-output">
              <Output text={run.output} />
            </CardBody>
          )}
        </Card>
        <Card className="min-w-0">
          <CardHeader title="Rendered prompt" description="Exactly what was sent to the model." />
          <CardBody className="max-h-[36rem] overflow-y-auto" data-testid="run-input">
            <RenderedInput input={run.input} />
          </CardBody>
        </Card>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <CardHeader title="Variables" />
          <CardBody>
            {vars.length === 0 ? (
              <p className="text-sm text-zinc-500">This run used no variables.</p>
            ) : (
              <dl className="grid gap-3" data-testid="run-variables">
                {vars.map(([k, v]) => (
                  <div key={k}>
                    <dt className="font-mono text-xs text-zinc-500">{k}</dt>
                    <dd className="mt-0.5 whitespace-pre-wrap break-words font-mono text-xs">{typeof v === "string" ? v : JSON.stringify(v, null, 2)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </CardBody>
        </Card>
        <Card className="min-w-0">
          <CardHeader title="Model and parameters" />
          <CardBody>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-xs">
              <dt className="text-zinc-500">model</dt>
              <dd className="break-all font-mono">{run.model}</dd>
              <dt className="text-zinc-500">provider</dt>
              <dd className="font-mono">{run.provider}</dd>
              {params.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-zinc-500">{k}</dt>
                  <dd className="break-all font-mono">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader title="Reviews and feedback" description="Playground thumbs and review-queue verdicts on this output." />
        {run.feedback.length === 0 ? (
          <EmptyState icon={MessageSquare} title="No feedback yet">
            Rate it in the playground, or add it to a review queue.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="run-feedback">
            {run.feedback.map((f) => {
              const o = OUTCOME[f.outcome];
              return (
                <li key={f.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-5 py-3 text-sm">
                  <Badge tone={o.tone}>
                    <o.icon className="mr-1 size-3" aria-hidden /> {o.text}
                  </Badge>
                  <span className="font-medium">{f.reviewer ?? "A former member"}</span>
                  <span className="text-zinc-500">
                    {f.queue ? (
                      <>
                        in{" "}
                        <Link className="hover:underline" href={`/w/${ws}/reviews/${f.queue.id}/results`}>
                          {f.queue.name}
                        </Link>
                      </>
                    ) : (
                      "in the playground"
                    )}
                  </span>
                  <span className="ml-auto font-mono text-xs text-zinc-500">{f.at.slice(0, 16).replace("T", " ")} UTC</span>
                  {Object.keys(f.labels).length > 0 && (
                    <span className="flex w-full flex-wrap gap-1">
                      {Object.entries(f.labels).map(([k, v]) => (
                        <Badge key={k}>
                          {k}: {v}
                        </Badge>
                      ))}
                    </span>
                  )}
                  {f.comment && <p className="w-full whitespace-pre-wrap break-words text-zinc-700 dark:text-zinc-300">{f.comment}</p>}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
