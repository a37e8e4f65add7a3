"use client";
import type { RefObject } from "react";
import { ChevronUp, Equal, SkipForward, ThumbsDown, ThumbsUp, Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ReviewerQueue } from "@/lib/reviews/types";
import { numberedOptions } from "./shortcuts";
import { Kbd } from "./shortcuts-dialog";

export type Verdict = "up" | "down" | "A" | "B" | "tie";
/** How a verdict was given: taps and swipes get an undo toast, keys have `u`. */
export type VoteSource = "key" | "tap" | "swipe";

/**
 * Rubric labels (numbered for 1-9), comment, verdict buttons, skip and undo. On a phone it is a bar fixed at the
 * bottom (thumb reach) with large verdict buttons and labels + comment folded into a panel above them; from md up it
 * sits in the page's flow (beside the output from lg), so it never covers the output.
 */
export function VerdictBar({
  queue,
  labels,
  onToggleLabel,
  comment,
  onComment,
  commentRef,
  pending,
  chosen,
  canUndo,
  onVote,
  onSkip,
  onUndo,
  panelOpen,
  onPanelOpen,
}: {
  queue: ReviewerQueue;
  labels: Record<string, string>;
  onToggleLabel: (index: number) => void;
  comment: string;
  onComment: (text: string) => void;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  pending: boolean;
  chosen: Verdict | null;
  canUndo: boolean;
  onVote: (v: Verdict, source: VoteSource) => void;
  onSkip: () => void;
  onUndo: () => void;
  panelOpen: boolean;
  onPanelOpen: (open: boolean) => void;
}) {
  const options = numberedOptions(queue.rubric);
  const hasPanel = queue.rubric.length > 0 || queue.allowComment;
  const picked = Object.keys(labels).length + (comment.trim() ? 1 : 0);
  const big = "h-14 flex-1 text-base md:h-9 md:flex-none md:text-sm";
  return (
    <div
      className={cn(
        "fixed inset-x-0 bottom-0 z-20 grid gap-3 border-t border-zinc-200 bg-white/95 px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-2 shadow-[0_-4px_12px_-6px_rgba(0,0,0,0.15)] backdrop-blur",
        "md:static md:z-auto md:rounded-lg md:border md:px-4 md:py-3 md:shadow-none dark:border-zinc-800 dark:bg-zinc-950/95",
      )}
      data-testid="verdict-bar"
    >
      {hasPanel && (
        <button
          type="button"
          onClick={() => onPanelOpen(!panelOpen)}
          aria-expanded={panelOpen}
          aria-controls="verdict-details"
          className="flex h-9 items-center justify-between rounded-md px-1 text-sm font-medium text-zinc-600 md:hidden dark:text-zinc-400"
        >
          <span>
            {queue.rubric.length > 0 && queue.allowComment ? "Labels & comment" : queue.rubric.length > 0 ? "Labels" : "Comment"}
            {picked > 0 && <span className="ml-1.5 rounded-full bg-blue-100 px-1.5 text-xs text-blue-700 dark:bg-blue-950 dark:text-blue-300">{picked}</span>}
          </span>
          <ChevronUp className={cn("size-4 transition-transform", !panelOpen && "rotate-180")} aria-hidden />
        </button>
      )}
      {hasPanel && (
        <div id="verdict-details" className={cn("max-h-[45dvh] gap-3 overflow-y-auto md:grid md:max-h-none md:overflow-visible", panelOpen ? "grid" : "hidden")}>
          {queue.rubric.length > 0 && (
            <div className="flex flex-wrap gap-x-5 gap-y-2">
              {queue.rubric.map((l) => (
                <div key={l.name} role="group" aria-label={l.name} className="flex flex-wrap items-center gap-1.5">
                  <span className="w-full text-xs font-medium text-zinc-500 md:w-auto">{l.name}</span>
                  {l.options.map((option) => {
                    const n = options.find((o) => o.label === l.name && o.option === option)!.n;
                    const active = labels[l.name] === option;
                    return (
                      <button
                        key={option}
                        type="button"
                        aria-pressed={active}
                        onClick={() => onToggleLabel(n - 1)}
                        className={cn(
                          "inline-flex min-h-9 items-center gap-1 rounded-full border px-3 text-sm transition-colors md:min-h-0 md:px-2 md:py-0.5 md:text-xs",
                          active ? "border-blue-500 bg-blue-50 text-blue-700 dark:bg-blue-950 dark:text-blue-300" : "border-zinc-200 text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
                        )}
                      >
                        {n <= 9 && <span className="hidden font-mono text-[10px] text-zinc-400 md:inline">{n}</span>}
                        {option}
                      </button>
                    );
                  })}
                </div>
              ))}
            </div>
          )}
          {queue.allowComment && (
            <textarea
              ref={commentRef}
              value={comment}
              onChange={(e) => onComment(e.target.value)}
              rows={2}
              maxLength={5000}
              aria-label="Comment"
              placeholder="Comment (optional) · c to write, Esc to leave"
              className="w-full resize-y rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-base placeholder:text-zinc-400 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/20 md:text-sm dark:border-zinc-800 dark:bg-zinc-950"
            />
          )}
        </div>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex w-full gap-2 md:w-auto md:flex-wrap lg:grid lg:w-full lg:grid-cols-2">
          {queue.mode === "single" ? (
            <>
              <Button onClick={() => onVote("down", "tap")} pending={pending && chosen === "down"} disabled={pending} variant="danger" className={cn(big, "md:order-2")}>
                <ThumbsDown className="size-5 md:size-4" /> Bad <Kbd className="hidden md:inline-flex">↓</Kbd>
              </Button>
              <Button onClick={() => onVote("up", "tap")} pending={pending && chosen === "up"} disabled={pending} className={cn(big, "bg-emerald-600 hover:bg-emerald-700 md:order-1 dark:bg-emerald-600 dark:text-white dark:hover:bg-emerald-500")}>
                <ThumbsUp className="size-5 md:size-4" /> Good <Kbd className="hidden md:inline-flex">↑</Kbd>
              </Button>
            </>
          ) : (
            <>
              <Button onClick={() => onVote("A", "tap")} pending={pending && chosen === "A"} disabled={pending} className={cn(big, "lg:order-1")}>
                A is better <Kbd className="hidden md:inline-flex">a</Kbd>
              </Button>
              <Button onClick={() => onVote("tie", "tap")} pending={pending && chosen === "tie"} disabled={pending} variant="secondary" className={cn(big, "max-md:flex-[0.6] lg:order-3 lg:col-span-2")}>
                <Equal className="size-4" /> Tie <Kbd className="hidden md:inline-flex">t</Kbd>
              </Button>
              <Button onClick={() => onVote("B", "tap")} pending={pending && chosen === "B"} disabled={pending} className={cn(big, "lg:order-2")}>
                B is better <Kbd className="hidden md:inline-flex">b</Kbd>
              </Button>
            </>
          )}
        </div>
        <div className="flex w-full justify-between gap-1 md:w-auto md:justify-end lg:w-full lg:justify-between">
          <Button variant="ghost" size="sm" onClick={onSkip} disabled={pending} className="max-md:h-9 max-md:px-3 max-md:text-sm">
            <SkipForward className="size-4" /> Skip <Kbd className="hidden md:inline-flex">s</Kbd>
          </Button>
          <Button variant="ghost" size="sm" onClick={onUndo} disabled={pending || !canUndo} className="max-md:h-9 max-md:px-3 max-md:text-sm">
            <Undo2 className="size-4" /> Undo <Kbd className="hidden md:inline-flex">u</Kbd>
          </Button>
        </div>
      </div>
    </div>
  );
}
