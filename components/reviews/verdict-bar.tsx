"use client";
import type { RefObject } from "react";
import { Equal, SkipForward, ThumbsDown, ThumbsUp, Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ReviewerQueue } from "@/lib/reviews/types";
import { numberedOptions } from "./shortcuts";
import { Kbd } from "./shortcuts-dialog";

export type Verdict = "up" | "down" | "A" | "B" | "tie";

/** The sticky bar under an item: rubric labels (numbered for 1-9), comment, verdict buttons, skip and undo. */
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
  onVote: (v: Verdict) => void;
  onSkip: () => void;
  onUndo: () => void;
}) {
  const options = numberedOptions(queue.rubric);
  return (
    <div className="sticky bottom-0 -mx-2 grid gap-3 rounded-t-lg border border-b-0 border-zinc-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_-6px_rgba(0,0,0,0.12)] backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95" data-testid="verdict-bar">
      {queue.rubric.length > 0 && (
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {queue.rubric.map((l) => (
            <div key={l.name} role="group" aria-label={l.name} className="flex flex-wrap items-center gap-1.5">
              <span className="text-xs font-medium text-zinc-500">{l.name}</span>
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
                      "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs transition-colors",
                      active ? "border-blue-500 bg-blue-50 text-blue-700 dark:bg-blue-950 dark:text-blue-300" : "border-zinc-200 text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
                    )}
                  >
                    {n <= 9 && <span className="font-mono text-[10px] text-zinc-400">{n}</span>}
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
          rows={comment ? 2 : 1}
          maxLength={5000}
          aria-label="Comment"
          placeholder="Comment (optional) · press c to write, Esc to leave the box"
          className="w-full resize-y rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-sm placeholder:text-zinc-400 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/20 dark:border-zinc-800 dark:bg-zinc-950"
        />
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap gap-2">
          {queue.mode === "single" ? (
            <>
              <Button onClick={() => onVote("up")} pending={pending && chosen === "up"} disabled={pending} className="bg-emerald-600 hover:bg-emerald-700 dark:bg-emerald-600 dark:text-white dark:hover:bg-emerald-500">
                <ThumbsUp className="size-4" /> Good <Kbd>↑</Kbd>
              </Button>
              <Button onClick={() => onVote("down")} pending={pending && chosen === "down"} disabled={pending} variant="danger">
                <ThumbsDown className="size-4" /> Bad <Kbd>↓</Kbd>
              </Button>
            </>
          ) : (
            <>
              <Button onClick={() => onVote("A")} pending={pending && chosen === "A"} disabled={pending}>
                A is better <Kbd>a</Kbd>
              </Button>
              <Button onClick={() => onVote("tie")} pending={pending && chosen === "tie"} disabled={pending} variant="secondary">
                <Equal className="size-4" /> Tie <Kbd>t</Kbd>
              </Button>
              <Button onClick={() => onVote("B")} pending={pending && chosen === "B"} disabled={pending}>
                B is better <Kbd>b</Kbd>
              </Button>
            </>
          )}
        </div>
        <div className="flex gap-1">
          <Button variant="ghost" size="sm" onClick={onSkip} disabled={pending}>
            <SkipForward className="size-4" /> Skip <Kbd>s</Kbd>
          </Button>
          <Button variant="ghost" size="sm" onClick={onUndo} disabled={pending || !canUndo}>
            <Undo2 className="size-4" /> Undo <Kbd>u</Kbd>
          </Button>
        </div>
      </div>
    </div>
  );
}
