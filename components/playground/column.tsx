"use client";
import Link from "next/link";
import { useState } from "react";
import { Copy, ExternalLink, Eye, FileText, Play, Square, ThumbsDown, ThumbsUp, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import { RunOutput } from "./output";
import type { RunView } from "./run-stream";

export type Source = { kind: "version"; version: number } | { kind: "label"; label: string } | { kind: "draft" } | { kind: "freeform" };
/** What a column would send, or why it cannot be rendered (a missing variable names it). */
export type Preview = { ok: true; messages: { role: string; content: string }[] } | { ok: false; message: string };
export type ColumnState = {
  id: string;
  source: Source;
  model: string;
  params: { temperature?: number; maxTokens?: number };
  result?: { status: "running" | "done" | "error"; text: string; run?: RunView; error?: string; verdict?: "up" | "down" | null };
};
export type SourceOption = { value: string; label: string; source: Source };
/** A model connection and the models it reported (none when it could not be asked; `message` says why). */
export type ConnectionOption = { name: string; ok: boolean; models: string[]; message: string };

const CUSTOM = "__custom";

/** The model choice: what each connection reports, grouped by connection; "type a model id" for anything else. */
function ModelPicker({ index, value, connections, configuredModel, onChange }: { index: number; value: string; connections: ConnectionOption[]; configuredModel: string | null; onChange: (m: string) => void }) {
  const listed = connections.flatMap((c) => c.models.map((m) => `${c.name}/${m}`));
  const [typing, setTyping] = useState(value !== "" && !listed.includes(value) && value !== configuredModel);
  if (typing || connections.length === 0) {
    return (
      <div className="flex items-center gap-1">
        <Input aria-label={`Model for column ${index + 1}`} className="h-8 min-w-0 flex-1 font-mono text-xs" placeholder="connection/model" value={value} onChange={(e) => onChange(e.target.value.trim())} />
        {connections.length > 0 && (
          <Button variant="ghost" size="sm" onClick={() => setTyping(false)}>
            List
          </Button>
        )}
      </div>
    );
  }
  return (
    <Select aria-label={`Model for column ${index + 1}`} className="h-8 font-mono text-xs" value={value} onChange={(e) => (e.target.value === CUSTOM ? setTyping(true) : onChange(e.target.value))}>
      {value === "" && <option value="">Choose a model…</option>}
      {configuredModel && !listed.includes(configuredModel) && <option value={configuredModel}>{configuredModel} (the prompt&apos;s model)</option>}
      {connections.map((c) => (
        <optgroup key={c.name} label={c.ok ? c.name : `${c.name}: could not list models`}>
          {c.models.map((m) => (
            <option key={m} value={`${c.name}/${m}`}>
              {`${c.name}/${m}`}
              {`${c.name}/${m}` === configuredModel ? " (the prompt's model)" : ""}
            </option>
          ))}
          {!c.ok && (
            <option disabled value={`__err:${c.name}`}>
              {c.message.slice(0, 90)}
            </option>
          )}
        </optgroup>
      ))}
      <option value={CUSTOM}>Type a model id…</option>
    </Select>
  );
}

function RenderedInput({ input }: { input: unknown }) {
  if (input === undefined || input === null) return <p className="text-sm text-zinc-400">Not available for this run.</p>;
  const messages = Array.isArray(input) ? (input as { role?: string; content?: unknown }[]) : null;
  if (messages && messages.every((m) => typeof m?.content === "string")) {
    return (
      <div className="grid gap-2" data-testid="rendered-prompt">
        {messages.map((m, i) => (
          <div key={i}>
            <div className="text-[10px] font-medium uppercase tracking-wide text-zinc-500">{m.role}</div>
            <pre className="whitespace-pre-wrap break-words rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-950">{m.content as string}</pre>
          </div>
        ))}
      </div>
    );
  }
  return (
    <pre className="whitespace-pre-wrap break-words font-mono text-xs" data-testid="rendered-prompt">
      {typeof input === "string" ? input : JSON.stringify(input, null, 2)}
    </pre>
  );
}

export const sourceKey = (s: Source) => (s.kind === "version" ? `v:${s.version}` : s.kind === "label" ? `l:${s.label}` : s.kind);
const ms = (n: number | null | undefined) => (n === null || n === undefined ? "—" : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n} ms`);
const usd = (n: number | null | undefined) => (n === null || n === undefined ? "n/a" : n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(6)}` : `$${n.toFixed(4)}`);

export function PlaygroundColumn({
  index,
  column,
  sources,
  runBase,
  pricesHref,
  connections,
  configuredModel,
  problem,
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
  onPreview,
}: {
  index: number;
  column: ColumnState;
  sources: SourceOption[];
  /** `${runBase}/${run.id}` opens the stored run. */
  runBase: string;
  /** Where a missing price is added (null: the caller may not edit prices). */
  pricesHref: string | null;
  connections: ConnectionOption[];
  configuredModel: string | null;
  /** Why this column cannot run yet (shown next to its disabled Run button), or null. */
  problem: string | null;
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
  /** Renders what this column would send with the current variables. */
  onPreview: () => Promise<Preview>;
}) {
  const r = column.result;
  const run = r?.run;
  const running = r?.status === "running";
  const [showPrompt, setShowPrompt] = useState(false);
  const [preview, setPreview] = useState<Preview | "loading" | null>(null);
  const togglePreview = async () => {
    if (preview) return setPreview(null);
    setShowPrompt(false);
    setPreview("loading");
    setPreview(await onPreview().catch((e: unknown) => ({ ok: false as const, message: e instanceof Error ? e.message : "The preview failed." })));
  };
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
        <ModelPicker index={index} value={column.model} connections={connections} configuredModel={configuredModel} onChange={(model) => onChange({ ...column, model })} />
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
              canRun && (
                <Button variant="secondary" size="sm" onClick={onRun} disabled={problem !== null} title={problem ?? undefined} aria-describedby={problem ? `problem-${index}` : undefined}>
                  <Play className="size-3" /> {r ? "Rerun" : "Run"}
                </Button>
              )
            )}
          </div>
        </div>
      </div>
      {canRun && problem && (
        <p id={`problem-${index}`} className="border-b border-zinc-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-zinc-800 dark:bg-amber-950/40 dark:text-amber-200" data-testid={`problem-${index}`}>
          {problem}
        </p>
      )}
      {preview && (
        <div className="max-h-64 overflow-auto border-b border-zinc-200 bg-zinc-50/50 p-3 dark:border-zinc-800 dark:bg-zinc-950/50" aria-label={`Preview of column ${index + 1}`} data-testid={`preview-${index}`}>
          <div className="mb-1 flex items-center justify-between text-[10px] font-medium uppercase tracking-wide text-zinc-500">
            <span>What would be sent</span>
            <button type="button" className="normal-case hover:text-zinc-900 dark:hover:text-zinc-100" onClick={() => setPreview(null)}>
              close
            </button>
          </div>
          {preview === "loading" ? (
            <div className="h-4 w-40 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" aria-label="Rendering" />
          ) : preview.ok ? (
            <RenderedInput input={preview.messages} />
          ) : (
            <Alert>{preview.message}</Alert>
          )}
        </div>
      )}
      {showPrompt && run && (
        <div className="max-h-64 overflow-auto border-b border-zinc-200 bg-zinc-50/50 p-3 dark:border-zinc-800 dark:bg-zinc-950/50" aria-label={`Rendered prompt of column ${index + 1}`}>
          <RenderedInput input={run.input} />
        </div>
      )}
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
        <button type="button" className="inline-flex items-center gap-0.5 hover:text-zinc-900 dark:hover:text-zinc-100" aria-pressed={Boolean(preview)} onClick={togglePreview} title="Render with the current variables, without running" data-testid={`preview-button-${index}`}>
          <Eye className="size-3" aria-hidden /> preview
        </button>
        {run && (
          <button type="button" className="inline-flex items-center gap-0.5 hover:text-zinc-900 dark:hover:text-zinc-100" aria-pressed={showPrompt} onClick={() => { setPreview(null); setShowPrompt((v) => !v); }} data-testid={`show-prompt-${index}`}>
            <FileText className="size-3" aria-hidden /> {showPrompt ? "hide sent" : "sent"}
          </button>
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
