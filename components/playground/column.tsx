"use client";
import Link from "next/link";
import { Copy, ExternalLink, Play, Square, ThumbsDown, ThumbsUp, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import { RunOutput } from "./output";
import type { RunView } from "./run-stream";

export type Source = { kind: "version"; version: number } | { kind: "label"; label: string } | { kind: "draft" };
export type ColumnState = {
  id: string;
  source: Source;
  model: string;
  params: { temperature?: number; maxTokens?: number };
  result?: { status: "running" | "done" | "error"; text: string; run?: RunView; error?: string; verdict?: "up" | "down" | null };
};
export type SourceOption = { value: string; label: string; source: Source };

export const sourceKey = (s: Source) => (s.kind === "version" ? `v:${s.version}` : s.kind === "label" ? `l:${s.label}` : "draft");
const ms = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n} ms`);
const usd = (n: number | null | undefined) => (n === null || n === undefined ? "n/a" : n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(6)}` : `$${n.toFixed(4)}`);

export function PlaygroundColumn({
  index,
  column,
  sources,
  runBase,
  pricesHref,
  canRun,
  canRate,
  canRemove,
  compare,
  onChange,
  onRun,
  onStop,
  onRemove,
  onRate,
  onToggleCompare,
}: {
  index: number;
  column: ColumnState;
  sources: SourceOption[];
  /** `${runBase}/${run.id}` opens the stored run. */
  runBase: string;
  /** Where a missing price is added (null: the caller may not edit prices). */
  pricesHref: string | null;
  canRun: boolean;
  canRate: boolean;
  canRemove: boolean;
  compare: boolean;
  onChange: (c: ColumnState) => void;
  onRun: () => void;
  onStop: () => void;
  onRemove: () => void;
  onRate: (v: "up" | "down" | null) => void;
  onToggleCompare: () => void;
}) {
  const r = column.result;
  const run = r?.run;
  const running = r?.status === "running";
  return (
    <section className="flex min-w-0 flex-col rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" data-testid={`column-${index}`} aria-label={`Column ${index + 1}`}>
      <div className="grid gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
        <div className="flex items-center gap-2">
          <span className="text-xs font-semibold text-zinc-500">#{index + 1}</span>
          <Select aria-label={`Prompt version for column ${index + 1}`} className="h-8 min-w-0 flex-1" value={sourceKey(column.source)} onChange={(e) => onChange({ ...column, source: sources.find((s) => s.value === e.target.value)!.source })}>
            {sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
          {canRemove && (
            <Button variant="ghost" size="sm" aria-label={`Remove column ${index + 1}`} onClick={onRemove}>
              <X className="size-3.5" />
            </Button>
          )}
        </div>
        <Input aria-label={`Model for column ${index + 1}`} className="h-8 font-mono text-xs" list="playground-models" placeholder="connection/model" value={column.model} onChange={(e) => onChange({ ...column, model: e.target.value.trim() })} />
        <div className="flex items-center gap-2">
          <Input
            aria-label={`Temperature for column ${index + 1}`}
            className="h-8 min-w-0 flex-1 text-xs"
            placeholder="temperature"
            inputMode="decimal"
            value={column.params.temperature ?? ""}
            onChange={(e) => onChange({ ...column, params: { ...column.params, temperature: e.target.value === "" ? undefined : Number(e.target.value) } })}
          />
          <Input
            aria-label={`Max tokens for column ${index + 1}`}
            className="h-8 min-w-0 flex-1 text-xs"
            placeholder="max tokens"
            inputMode="numeric"
            value={column.params.maxTokens ?? ""}
            onChange={(e) => onChange({ ...column, params: { ...column.params, maxTokens: e.target.value === "" ? undefined : Number(e.target.value) } })}
          />
          <div className="flex shrink-0 gap-1">
            {running ? (
              <Button variant="secondary" size="sm" onClick={onStop}>
                <Square className="size-3" /> Stop
              </Button>
            ) : (
              <Button variant="secondary" size="sm" onClick={onRun} disabled={!canRun || !column.model.includes("/")}>
                <Play className="size-3" /> {r ? "Rerun" : "Run"}
              </Button>
            )}
          </div>
        </div>
      </div>
      <div className="min-h-40 flex-1 overflow-auto p-3" data-testid={`output-${index}`} aria-live="polite">
        {!r && <p className="text-sm text-zinc-400">Run to see the output here.</p>}
        {r && r.text && <RunOutput text={r.text} />}
        {running && !r.text && <div className="h-4 w-32 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" aria-label="Waiting for the first token" />}
        {r?.status === "error" && <Alert className="mt-2">{r.error}</Alert>}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800" data-testid={`metrics-${index}`}>
        <span title="Time to first token">TTFT {ms(run?.ttftMs)}</span>
        <span title="Total latency">total {ms(run?.latencyMs)}</span>
        <span title="Tokens in / out" data-testid={`tokens-${index}`}>
          {run ? `${run.inputTokens ?? "?"} → ${run.outputTokens ?? "?"} tok` : "— tok"}
        </span>
        {run && run.costUsd === null && pricesHref ? (
          <Link href={pricesHref} className="underline decoration-dotted underline-offset-2" title="No price for this model: add it to the price table" data-testid={`cost-${index}`}>
            n/a
          </Link>
        ) : (
          <span title={run && run.costUsd === null ? "No price for this model in the workspace's price table" : "Cost at the workspace's price for this model"} data-testid={`cost-${index}`}>
            {run ? usd(run.costUsd) : "—"}
          </span>
        )}
        {run?.id && (
          <Link href={`${runBase}/${run.id}`} className="inline-flex items-center gap-0.5 hover:text-zinc-900 dark:hover:text-zinc-100" data-testid={`run-link-${index}`}>
            <ExternalLink className="size-3" aria-hidden /> details
          </Link>
        )}
        {run?.schemaValid === true && <Badge tone="green">schema ✓</Badge>}
        {run?.schemaValid === false && <Badge tone="red">schema ✗</Badge>}
        <div className="ml-auto flex items-center gap-1">
          <label className="flex items-center gap-1" title="Select two columns to diff their outputs">
            <input type="checkbox" checked={compare} onChange={onToggleCompare} disabled={!r?.text} aria-label={`Compare column ${index + 1}`} /> diff
          </label>
          <Button variant="ghost" size="sm" aria-label={`Copy output of column ${index + 1}`} disabled={!r?.text} onClick={() => navigator.clipboard?.writeText(r?.text ?? "").catch(() => {})}>
            <Copy className="size-3.5" />
          </Button>
          {canRate && run && (
            <>
              <Button variant="ghost" size="sm" aria-label={`Thumbs up for column ${index + 1}`} aria-pressed={r?.verdict === "up"} className={cn(r?.verdict === "up" && "bg-emerald-100 text-emerald-700 dark:bg-emerald-950")} onClick={() => onRate(r?.verdict === "up" ? null : "up")}>
                <ThumbsUp className="size-3.5" />
              </Button>
              <Button variant="ghost" size="sm" aria-label={`Thumbs down for column ${index + 1}`} aria-pressed={r?.verdict === "down"} className={cn(r?.verdict === "down" && "bg-red-100 text-red-700 dark:bg-red-950")} onClick={() => onRate(r?.verdict === "down" ? null : "down")}>
                <ThumbsDown className="size-3.5" />
              </Button>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
