"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { CheckCircle2, Keyboard } from "lucide-react";
import { toast } from "sonner";
import { nextItemAction, submitReviewAction, undoReviewAction } from "@/app/w/[slug]/reviews/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import type { ActionResult } from "@/lib/http/errors";
import type { NextItemResult, ReviewerQueue } from "@/lib/reviews/types";
import { Markdown } from "./markdown";
import { OutputPanel } from "./output-panel";
import { ProgressBar } from "./progress-bar";
import { numberedOptions } from "./shortcuts";
import { Kbd, ShortcutsDialog } from "./shortcuts-dialog";
import { useReviewKeys } from "./use-review-keys";
import { VerdictBar, type Verdict } from "./verdict-bar";

const VERDICT_TEXT: Record<Verdict, string> = { up: "thumbs up", down: "thumbs down", A: "A is better", B: "B is better", tie: "tie" };


function formatValue(v: unknown): string {
  if (v === null || v === undefined) return "(none)";
  return typeof v === "string" ? v : JSON.stringify(v, null, 2);
}

/**
 * The review screen: one leased item at a time, graded with the keyboard alone (see shortcuts.ts; "?" lists them).
 * Every server round trip returns the blind-safe reviewer view, so a blind queue never tells the browser which
 * version or model wrote an output.
 */
export function ReviewScreen({ ws, queue, initial, resultsHref }: { ws: string; queue: ReviewerQueue; initial: NextItemResult; resultsHref: string | null }) {
  const [data, setData] = useState<NextItemResult>(initial);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  const [skipped, setSkipped] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const [promptOpen, setPromptOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [last, setLast] = useState<Verdict | null>(null);
  const [chosen, setChosen] = useState<Verdict | null>(null);
  // Set once the shortcuts listen (after hydration): the server-rendered screen looks the same before that.
  const [keysReady, setKeysReady] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);
  const skipKey = `promptyard:review-skips:${queue.id}`;
  const options = useMemo(() => numberedOptions(queue.rubric), [queue.rubric]);
  const item = data.item;

  // Skips last for this browser session (a reload does not bring a skipped item back).
  useEffect(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(skipKey) ?? "[]");
      if (Array.isArray(saved)) setSkipped(saved.filter((s) => typeof s === "string"));
    } catch {
      // Storage unavailable: skips last until the page is left.
    }
  }, [skipKey]);

  const show = useCallback((next: NextItemResult, prefill?: { labels: Record<string, string>; comment: string | null }) => {
    setData(next);
    setLabels(prefill?.labels ?? {});
    setComment(prefill?.comment ?? "");
    setPromptOpen(false);
    setChosen(null);
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0 });
    mainRef.current?.closest("main")?.scrollTo?.({ top: 0 });
  }, []);

  async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<T | null> {
    setPending(true);
    try {
      const res = await fn();
      if (!res.ok) {
        toast.error(res.error.message);
        return null;
      }
      return res.data;
    } catch {
      toast.error("The server could not be reached. Check your connection and try again.");
      return null;
    } finally {
      setPending(false);
    }
  }

  async function vote(verdict: Verdict) {
    if (!item || pending) return;
    setChosen(verdict);
    const res = await call(() => submitReviewAction(ws, queue.id, { itemId: item.itemId, verdict, labels, comment: queue.allowComment ? comment : undefined }, skipped));
    if (res) {
      setLast(verdict);
      show(res);
    } else {
      setChosen(null);
      // The item may have been taken or the lease lost: move on to what is available.
      const next = await call(() => nextItemAction(ws, queue.id, skipped));
      if (next && next.item?.itemId !== item.itemId) show(next);
    }
  }

  async function skip() {
    if (!item || pending) return;
    const nextSkipped = [...skipped, item.itemId];
    setSkipped(nextSkipped);
    try {
      sessionStorage.setItem(skipKey, JSON.stringify(nextSkipped));
    } catch {
      // ignore
    }
    const res = await call(() => nextItemAction(ws, queue.id, nextSkipped));
    if (res) show(res);
  }

  async function undo() {
    if (pending) return;
    const res = await call(() => undoReviewAction(ws, queue.id));
    if (!res) return;
    setLast(null);
    show(res, { labels: res.undone.labels, comment: res.undone.comment });
    toast.success(`Undone: ${VERDICT_TEXT[res.undone.verdict]}. Grade it again.`);
  }

  async function reviewSkipped() {
    setSkipped([]);
    try {
      sessionStorage.removeItem(skipKey);
    } catch {
      // ignore
    }
    const res = await call(() => nextItemAction(ws, queue.id, []));
    if (res) show(res);
  }

  function toggleLabel(index: number) {
    const o = options[index];
    if (!o || !item) return;
    setLabels((cur) => {
      const next = { ...cur };
      if (next[o.label] === o.option) delete next[o.label];
      else next[o.label] = o.option;
      return next;
    });
  }

  useReviewKeys({ vote, skip, undo, toggleLabel, helpOpen, setHelpOpen, setPromptOpen, commentRef, mode: queue.mode, allowComment: queue.allowComment }, mainRef, () => setKeysReady(true));

  const p = data.progress;
  return (
    <div ref={mainRef} tabIndex={-1} className="grid gap-4 outline-none" data-testid="review-screen" data-item-id={item?.itemId ?? ""} data-keys-ready={keysReady || undefined}>
      <div className="grid gap-2">
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <p className="text-zinc-600 dark:text-zinc-400" data-testid="review-progress" aria-live="polite">
            <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
              {p.done} / {p.total}
            </span>{" "}
            reviews done · you: <span className="tabular-nums" data-testid="mine-today">{p.mineToday}</span> today, <span className="tabular-nums">{p.mine}</span> in all
          </p>
          <div className="flex items-center gap-1">
            {last && (
              <span className="mr-2 text-xs text-zinc-500" data-testid="last-verdict">
                Saved {VERDICT_TEXT[last]} · <Kbd>u</Kbd> undo
              </span>
            )}
            <Button size="sm" variant="ghost" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts (?)">
              <Keyboard className="size-4" /> <Kbd>?</Kbd>
            </Button>
          </div>
        </div>
        <ProgressBar done={p.done} total={p.total} />
      </div>

      {queue.instructions.trim() && (
        <details className="rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-2 dark:border-zinc-800 dark:bg-zinc-900/50" open>
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-zinc-500">Instructions</summary>
          <div className="pb-1 pt-1">
            <Markdown text={queue.instructions} />
          </div>
        </details>
      )}

      {!item ? (
        <Card data-testid="queue-done">
          <EmptyState
            icon={CheckCircle2}
            title={skipped.length ? "Nothing left but what you skipped" : "Nothing left for you in this queue"}
            action={
              <div className="flex gap-2">
                {skipped.length > 0 && (
                  // Focused, so Enter takes the keyboard-only reviewer back to what they skipped.
                  <Button variant="secondary" onClick={reviewSkipped} pending={pending} autoFocus>
                    Review the {skipped.length} skipped
                  </Button>
                )}
                {resultsHref && (
                  <Link href={resultsHref}>
                    <Button variant="secondary" tabIndex={-1}>
                      See results
                    </Button>
                  </Link>
                )}
              </div>
            }
          >
            {p.done >= p.total ? "Every item has all the reviews it needs. Thank you!" : "The remaining items are held by other reviewers or already have your review. New ones appear as they are sampled."}
            {p.mine > 0 && " Press u to undo your last review."}
          </EmptyState>
        </Card>
      ) : (
        <>
          {Object.keys(item.variables).length > 0 && (
            <Card className="px-4 py-3" data-testid="variables">
              <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">Input variables</h3>
              <dl className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]">
                {Object.entries(item.variables)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="font-mono text-xs text-zinc-500">{k}</dt>
                      <dd className="min-w-0 whitespace-pre-wrap break-words text-zinc-800 dark:text-zinc-200">{formatValue(v)}</dd>
                    </div>
                  ))}
              </dl>
            </Card>
          )}

          <div className={cn("grid gap-4", item.outputs.length > 1 && "lg:grid-cols-2")}>
            {item.outputs.map((o) => (
              <OutputPanel key={o.side ?? "single"} output={o} promptOpen={promptOpen} onTogglePrompt={() => setPromptOpen((v) => !v)} highlight={chosen !== null && chosen === o.side} />
            ))}
          </div>

          <VerdictBar
            queue={queue}
            labels={labels}
            onToggleLabel={toggleLabel}
            comment={comment}
            onComment={setComment}
            commentRef={commentRef}
            pending={pending}
            chosen={chosen}
            canUndo={p.mine > 0}
            onVote={vote}
            onSkip={skip}
            onUndo={undo}
          />
        </>
      )}
      <ShortcutsDialog mode={queue.mode} open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
