"use client";
import { useMemo, useState } from "react";
import { Input } from "@/components/ui/input";

/** A recent successful run, as the queue forms list it (editors only: it names version and model). */
export interface RunPickerRow {
  id: string;
  createdAt: string;
  prompt: string | null;
  version: number | null;
  model: string;
  source: string;
  output: string;
}

/** Checkbox list of recent runs with a text filter and select-all of what is shown. */
export function RunPicker({ runs, selected, onChange }: { runs: RunPickerRow[]; selected: string[]; onChange: (ids: string[]) => void }) {
  const [q, setQ] = useState("");
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle) return runs;
    return runs.filter((r) => `${r.prompt} v${r.version} ${r.model} ${r.source} ${r.output}`.toLowerCase().includes(needle));
  }, [runs, q]);
  const set = new Set(selected);
  const allShown = shown.length > 0 && shown.every((r) => set.has(r.id));
  if (runs.length === 0) return <p className="rounded-md border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700">No successful runs yet. Run a prompt in the playground or through the API, then pick its outputs here.</p>;
  return (
    <div className="grid gap-2">
      <div className="flex items-center gap-2">
        <Input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Filter by prompt, version, model or text" aria-label="Filter runs" className="h-8" />
        <label className="flex shrink-0 items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <input
            type="checkbox"
            checked={allShown}
            onChange={(e) => onChange(e.target.checked ? [...new Set([...selected, ...shown.map((r) => r.id)])] : selected.filter((id) => !shown.some((r) => r.id === id)))}
          />
          Select all shown
        </label>
      </div>
      <ul className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Recent runs">
        {shown.map((r) => (
          <li key={r.id}>
            <label className="flex cursor-pointer items-start gap-2 px-3 py-2 text-xs hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
              <input type="checkbox" className="mt-0.5" checked={set.has(r.id)} onChange={(e) => onChange(e.target.checked ? [...selected, r.id] : selected.filter((id) => id !== r.id))} aria-label={`Run ${r.prompt ?? ""} v${r.version ?? "draft"} ${r.model} ${r.output.slice(0, 40)}`} />
              <span className="min-w-0 flex-1">
                <span className="font-mono text-zinc-800 dark:text-zinc-200">
                  {r.prompt ?? "(no prompt)"} {r.version === null ? "draft" : `v${r.version}`}
                </span>
                <span className="ml-2 font-mono text-zinc-500">{r.model}</span>
                <span className="ml-2 uppercase text-zinc-400">{r.source}</span>
                <span className="block truncate text-zinc-500">{r.output}</span>
              </span>
              <span className="shrink-0 font-mono text-zinc-400">{r.createdAt.slice(5, 16).replace("T", " ")}</span>
            </label>
          </li>
        ))}
      </ul>
      <p className="text-xs text-zinc-500">{selected.length} selected</p>
    </div>
  );
}
