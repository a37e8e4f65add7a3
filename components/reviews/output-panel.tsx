"use client";
import { useEffect, useRef } from "react";
import { ChevronRight } from "lucide-react";
import { RunOutput } from "@/components/playground/output";
import { cn } from "@/components/ui/cn";
import type { ReviewerOutput } from "@/lib/reviews/types";

type Message = { role: string; content: string };

function messagesOf(input: unknown): Message[] {
  if (typeof input === "string") return [{ role: "user", content: input }];
  if (!Array.isArray(input)) return [];
  return input.map((m) => {
    const msg = (m ?? {}) as { role?: unknown; content?: unknown };
    return { role: String(msg.role ?? "user"), content: typeof msg.content === "string" ? msg.content : JSON.stringify(msg.content, null, 2) };
  });
}

/** The rendered prompt, collapsed by default (p toggles it); opening it brings it into view. */
export function RenderedPrompt({ input, hidden, open, onToggle, testId, reveal = true }: { input: unknown; hidden?: boolean; open: boolean; onToggle: () => void; testId?: string; reveal?: boolean }) {
  const messages = messagesOf(input);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // `p` opens it from anywhere on the page: scroll just enough for its start to show.
    if (open && reveal) ref.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [open, reveal]);
  if (input === null) {
    return (
      <p className="rounded-md border border-dashed border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800" data-testid={testId}>
        {hidden
          ? "Rendered prompt hidden: this is a blind comparison and the two sides were asked differently. The variables are what both got."
          : "No rendered prompt was recorded for this output."}
      </p>
    );
  }
  return (
    <div ref={ref} className="scroll-mt-16 scroll-mb-40 rounded-md border border-zinc-200 md:scroll-mb-4 dark:border-zinc-800" data-testid={testId ?? "rendered-prompt"}>
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={open}
        className="flex w-full items-center gap-1.5 px-3 py-2 text-left text-xs font-medium text-zinc-600 hover:bg-zinc-50 dark:text-zinc-400 dark:hover:bg-zinc-800/50"
      >
        <ChevronRight className={cn("size-3.5 transition-transform", open && "rotate-90")} aria-hidden />
        Rendered prompt ({messages.length} message{messages.length === 1 ? "" : "s"})
      </button>
      {open && (
        <div className="grid max-h-[60dvh] gap-2 overflow-y-auto border-t border-zinc-200 px-3 py-2 dark:border-zinc-800">
          {messages.map((m, i) => (
            <div key={i}>
              <div className="text-[10px] font-semibold uppercase tracking-wide text-zinc-400">{m.role}</div>
              <pre className="whitespace-pre-wrap break-words font-mono text-xs text-zinc-700 dark:text-zinc-300">{m.content}</pre>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** One output under review: its side (pairwise), where it came from (unless blind), the text, its prompt. */
export function OutputPanel({ output, promptOpen, onTogglePrompt, highlight, className, reveal = true }: { output: ReviewerOutput; promptOpen: boolean; onTogglePrompt: () => void; highlight?: boolean; className?: string; reveal?: boolean }) {
  const title = output.side ? `Output ${output.side}` : "Output";
  return (
    <section
      aria-label={title}
      data-testid={output.side ? `output-${output.side}` : "output"}
      className={cn("grid min-w-0 content-start gap-3 rounded-lg border bg-white p-4 dark:bg-zinc-900", highlight ? "border-emerald-400 ring-2 ring-emerald-400/30" : "border-zinc-200 dark:border-zinc-800", className)}
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h3>
        {output.meta && (
          <span className="font-mono text-xs text-zinc-500" data-testid="output-meta">
            {output.meta.prompt ?? "?"} {output.meta.version === null ? "draft" : `v${output.meta.version}`} · {output.meta.model}
          </span>
        )}
      </header>
      <div className="min-w-0 text-zinc-900 dark:text-zinc-100">
        {output.text ? <RunOutput text={output.text} /> : <p className="text-sm italic text-zinc-400">(empty output)</p>}
      </div>
      <RenderedPrompt input={output.input} hidden={output.inputHidden} open={promptOpen} onToggle={onTogglePrompt} reveal={reveal} />
    </section>
  );
}
