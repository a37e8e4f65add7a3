"use client";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/input";

/**
 * One variables form for every column. Section variables (`structured`) take JSON; `problemOf` (null for those
 * who cannot run: what a run would need is not theirs to fix) flags a malformed value before running.
 */
export function VariablesForm(p: {
  fields: string[];
  structured: Set<string>;
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  problemOf: ((name: string) => string | null) | null;
  emptyHint: boolean;
  noneText: string;
}) {
  return (
    <Card>
      <CardHeader title="Variables" description="One form for every column; Ctrl/⌘ + Enter runs them all." />
      <CardBody className="grid gap-3 md:grid-cols-2">
        {p.fields.length === 0 && <p className="text-sm text-zinc-500">{p.noneText}</p>}
        {p.fields.map((f) => {
          const json = p.structured.has(f);
          const problem = p.problemOf ? p.problemOf(f) : null;
          const empty = p.emptyHint && !json && !(p.values[f] ?? "").trim();
          return (
            <Field key={f} label={json ? `${f} (JSON)` : f} htmlFor={`var-${f}`}>
              <textarea
                id={`var-${f}`}
                rows={json ? 4 : f.includes("body") || f.includes("transcript") ? 4 : 1}
                spellCheck={!json}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem || empty ? `var-${f}-hint` : undefined}
                placeholder={json ? '[{"name": "…"}] or {"key": "value"} or true' : undefined}
                className={`w-full rounded-md border bg-white px-3 py-1.5 font-mono text-xs dark:bg-zinc-950 ${problem ? "border-red-400 dark:border-red-800" : "border-zinc-200 dark:border-zinc-800"}`}
                value={p.values[f] ?? ""}
                onChange={(e) => p.onChange(f, e.target.value)}
              />
              {problem && (
                <span id={`var-${f}-hint`} className="mt-1 block text-xs text-red-600 dark:text-red-400" data-testid={`var-problem-${f}`}>
                  {problem}
                </span>
              )}
              {empty && (
                <span id={`var-${f}-hint`} className="mt-1 block text-xs text-amber-700 dark:text-amber-400">
                  Empty: renders as nothing.
                </span>
              )}
            </Field>
          );
        })}
      </CardBody>
    </Card>
  );
}
