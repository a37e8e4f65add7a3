"use client";
import { useState, useTransition } from "react";
import { CheckCircle2, XCircle } from "lucide-react";
import { testConnectionAction } from "@/app/w/[slug]/settings/models/actions";
import { cn } from "@/components/ui/cn";
import type { TestConnectionInput } from "@/lib/providers";

export type TestOutcome = { ok: boolean; message: string; latencyMs: number | null; models?: string[] };

/**
 * Runs a connection test. Not useServerAction: a test changes nothing, so there is no refresh and no toast;
 * the outcome is shown beside what was tested. Refusals (bad input, no permission) read like provider failures.
 */
export function useConnectionTest(slug: string) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<TestOutcome | null>(null);
  function run(input: TestConnectionInput) {
    setResult(null);
    start(async () => {
      const res = await testConnectionAction(slug, input);
      setResult(res.ok ? res.data : { ok: false, message: res.error.message, latencyMs: null });
    });
  }
  return { pending, result, setResult, run };
}

/** "Connected in 123 ms · 4 models" in green (the full message on hover), or the failure in red. */
export function TestResult({ result, detailed = false, className }: { result: TestOutcome; detailed?: boolean; className?: string }) {
  if (result.ok) {
    const n = result.models?.length ?? 0;
    return (
      <div role="status" className={cn("flex items-start gap-1.5 text-xs text-emerald-700 dark:text-emerald-400", className)} title={result.message}>
        <CheckCircle2 className="mt-px size-3.5 shrink-0" aria-hidden />
        <span>
          Connected in {result.latencyMs} ms · {n} model{n === 1 ? "" : "s"}
          {detailed && n > 0 && <span className="block break-all font-mono text-zinc-500">{result.models!.slice(0, 8).join(", ") + (n > 8 ? ", …" : "")}</span>}
        </span>
      </div>
    );
  }
  return (
    <div role="alert" className={cn("flex items-start gap-1.5 text-xs text-red-700 dark:text-red-400", className)}>
      <XCircle className="mt-px size-3.5 shrink-0" aria-hidden />
      <span className="break-words">{result.message}</span>
    </div>
  );
}
