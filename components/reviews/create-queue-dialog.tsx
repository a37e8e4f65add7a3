"use client";
import { useState } from "react";
import { Plus } from "lucide-react";
import { toast } from "sonner";
import { createQueueAction } from "@/app/w/[slug]/reviews/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { parseRubric, QueueSettingsFields, type QueueSettings, type ReviewerOption } from "./queue-form";
import { RunPicker, type RunPickerRow } from "./run-picker";

export interface SourceOptions {
  prompts: { id: string; slug: string; versions: { id: string; number: number; semver: string }[] }[];
  models: string[];
}

const SOURCES = ["production", "playground", "api", "eval"] as const;

const EMPTY: QueueSettings = { name: "", instructions: "", blind: false, reviewsPerItem: 1, rubricText: "", allowComment: true, assigneeIds: [] };

/** New queue: settings, mode, and its source (recent runs picked by hand, or a filter that keeps sampling). */
export function CreateQueueDialog({ ws, runs, options, reviewers }: { ws: string; runs: RunPickerRow[]; options: SourceOptions; reviewers: ReviewerOption[] }) {
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState<QueueSettings>(EMPTY);
  const [mode, setMode] = useState<"single" | "pairwise">("single");
  const [source, setSource] = useState<"runs" | "filter">("runs");
  const [selected, setSelected] = useState<string[]>([]);
  const [promptId, setPromptId] = useState("");
  const [versionIds, setVersionIds] = useState<string[]>([]);
  const [models, setModels] = useState<string[]>([]);
  const [sources, setSources] = useState<(typeof SOURCES)[number][]>(["production"]);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [samplingPct, setSamplingPct] = useState("100");
  const [backfill, setBackfill] = useState(true);
  const action = useServerAction();
  const prompt = options.prompts.find((p) => p.id === promptId);

  function reset() {
    setSettings(EMPTY);
    setMode("single");
    setSource("runs");
    setSelected([]);
    setPromptId("");
    setVersionIds([]);
    setModels([]);
    setSources(["production"]);
    setFrom("");
    setTo("");
    setSamplingPct("100");
    setBackfill(true);
    action.setError(null);
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const rate = Number(samplingPct) / 100;
    if (source === "filter" && !(rate > 0 && rate <= 1)) return action.setError("Sampling rate must be above 0% and at most 100%.");
    if (source === "runs" && selected.length === 0) return action.setError("Pick at least one run, or switch to a filter.");
    const filter =
      source === "filter"
        ? {
            promptId: promptId || undefined,
            versionIds: versionIds.length ? versionIds : undefined,
            models: models.length ? models : undefined,
            sources: sources.length ? sources : undefined,
            from: from ? `${from}T00:00:00.000Z` : undefined,
            to: to ? `${to}T23:59:59.999Z` : undefined,
          }
        : null;
    action.run(
      () =>
        createQueueAction(ws, {
          name: settings.name,
          instructions: settings.instructions,
          mode,
          blind: settings.blind,
          reviewsPerItem: settings.reviewsPerItem,
          rubric: parseRubric(settings.rubricText),
          allowComment: settings.allowComment,
          assigneeIds: settings.assigneeIds,
          generationIds: source === "runs" ? selected : [],
          filter,
          samplingRate: source === "filter" ? rate : 1,
          backfill: source === "filter" && backfill,
        }),
      {
        onSuccess: (d) => {
          setOpen(false);
          reset();
          action.setError(null);
          toast.success(`Queue created with ${d.added} item${d.added === 1 ? "" : "s"}${d.skipped ? ` (${d.skipped} skipped)` : ""}.`);
        },
      },
    );
  }

  const toggle = <T,>(list: T[], set: (v: T[]) => void, v: T) => set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const tab = (id: "runs" | "filter", label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={source === id}
      onClick={() => setSource(id)}
      className={cn("rounded-md px-3 py-1 text-sm", source === id ? "bg-white font-medium shadow-sm dark:bg-zinc-800" : "text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100")}
    >
      {label}
    </button>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) action.setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="size-4" /> New queue
        </Button>
      </DialogTrigger>
      <DialogContent title="New review queue" description="Reviewers grade each item with thumbs up/down (or A/B), plus your rubric labels." className="max-h-[90vh] max-w-2xl overflow-y-auto">
        <form className="grid gap-4" onSubmit={submit}>
          {action.error && <Alert>{action.error}</Alert>}
          <QueueSettingsFields value={settings} onChange={setSettings} reviewers={reviewers} idPrefix="new-queue" />
          <Field label="Mode" htmlFor="new-queue-mode" hint={mode === "pairwise" ? "Two outputs for the same input (same prompt and variables) from two versions or models; sides are shuffled per item." : undefined}>
            <Select id="new-queue-mode" value={mode} onChange={(e) => setMode(e.target.value as "single" | "pairwise")}>
              <option value="single">Single: thumbs up/down on one output</option>
              <option value="pairwise">Pairwise: A / B / tie between two outputs</option>
            </Select>
          </Field>

          <div className="grid gap-3">
            <div className="inline-flex w-fit gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-900" role="tablist" aria-label="Source">
              {tab("runs", "Pick recent runs")}
              {tab("filter", "Sample by filter")}
            </div>
            {source === "runs" ? (
              <RunPicker runs={runs} selected={selected} onChange={setSelected} />
            ) : (
              <div className="grid gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                <p className="text-xs text-zinc-500">New runs that match are added as they happen (production traffic included), at the sampling rate.</p>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field label="Prompt" htmlFor="new-queue-prompt">
                    <Select
                      id="new-queue-prompt"
                      value={promptId}
                      onChange={(e) => {
                        setPromptId(e.target.value);
                        setVersionIds([]);
                      }}
                    >
                      <option value="">Any prompt</option>
                      {options.prompts.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.slug}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label="Sampling rate (%)" htmlFor="new-queue-rate">
                    <Input id="new-queue-rate" type="number" min={1} max={100} step="any" value={samplingPct} onChange={(e) => setSamplingPct(e.target.value)} />
                  </Field>
                </div>
                {prompt && prompt.versions.length > 0 && (
                  <fieldset>
                    <legend className="mb-1 text-sm font-medium">Versions (none: all)</legend>
                    <div className="flex flex-wrap gap-3">
                      {prompt.versions.map((v) => (
                        <label key={v.id} className="flex items-center gap-1.5 text-sm">
                          <input type="checkbox" checked={versionIds.includes(v.id)} onChange={() => toggle(versionIds, setVersionIds, v.id)} /> v{v.number}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                )}
                {options.models.length > 0 && (
                  <fieldset>
                    <legend className="mb-1 text-sm font-medium">Models (none: all)</legend>
                    <div className="flex flex-wrap gap-3">
                      {options.models.map((m) => (
                        <label key={m} className="flex items-center gap-1.5 font-mono text-xs">
                          <input type="checkbox" checked={models.includes(m)} onChange={() => toggle(models, setModels, m)} /> {m}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                )}
                <fieldset>
                  <legend className="mb-1 text-sm font-medium">Sources (none: all)</legend>
                  <div className="flex flex-wrap gap-3">
                    {SOURCES.map((s) => (
                      <label key={s} className="flex items-center gap-1.5 text-sm">
                        <input type="checkbox" checked={sources.includes(s)} onChange={() => toggle(sources, setSources, s)} /> {s}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field label="From (UTC day)" htmlFor="new-queue-from">
                    <Input id="new-queue-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
                  </Field>
                  <Field label="To (UTC day)" htmlFor="new-queue-to">
                    <Input id="new-queue-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
                  </Field>
                </div>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={backfill} onChange={(e) => setBackfill(e.target.checked)} /> Also sample matching runs from the past (up to 200)
                </label>
              </div>
            )}
          </div>
          <Button type="submit" pending={action.pending}>
            Create queue
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
