"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { CheckCircle2, ChevronRight, Inbox, Keyboard, ThumbsDown, ThumbsUp } from "lucide-react";
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
import { useLeaseRelease } from "./use-lease-release";
import { useReviewKeys } from "./use-review-keys";
import { useSwipe } from "./use-swipe";
import { VerdictBar, type Verdict, type VoteSource } from "./verdict-bar";

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
  // Open for the first item of a visit, folded after it so the output starts higher.
  const [instructionsOpen, setInstructionsOpen] = useState(true);
  const [panelOpen, setPanelOpen] = useState(false);
  // Pairwise on a phone shows one side at a time (segmented control); from md up both are shown.
  const [side, setSide] = useState<"A" | "B">("A");
  // Set once the shortcuts listen (after hydration): the server-rendered screen looks the same before that.
  const [keysReady, setKeysReady] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  // The toast's Undo runs a closure from an earlier render: it reads "pending" here, not from stale state.
  const pendingRef = useRef(false);
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
    setInstructionsOpen(false);
    setPanelOpen(false);
    setSide("A");
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo?.({ top: 0 });
    mainRef.current?.closest("main")?.scrollTo?.({ top: 0 });
  }, []);

  async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<T | null> {
    setPending(true);
    pendingRef.current = true;
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
      pendingRef.current = false;
    }
  }

  async function vote(verdict: Verdict, source: VoteSource = "key") {
    // The ref, not the render's `pending`: a tap handled by a closure from the render before the last answer
    // arrived must not be dropped.
    if (!item || pendingRef.current) return;
    setChosen(verdict);
    const res = await call(() => submitReviewAction(ws, queue.id, { itemId: item.itemId, verdict, labels, comment: queue.allowComment ? comment : undefined }, skipped));
    if (res) {
      setLast(verdict);
      show(res);
      // Keyboard reviewers have `u`; a thumb gets a toast to take it back.
      if (source !== "key") toast.success(`Saved: ${VERDICT_TEXT[verdict]}`, { id: "review-undo", position: "top-center", duration: 6000, action: { label: "Undo", onClick: () => void undo() } });
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
    if (pendingRef.current) return;
    toast.dismiss("review-undo");
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

  useLeaseRelease(queue.id, item?.itemId ?? null, () => {
    void call(() => nextItemAction(ws, queue.id, skipped)).then((next) => next && show(next));
  });
  // The undo toast belongs to this screen: leaving it takes the toast along.
  useEffect(() => () => void toast.dismiss("review-undo"), []);
  const swipe = useSwipe((direction) => void vote(direction === "right" ? "up" : "down", "swipe"), queue.mode === "single" && Boolean(item) && !pending);

  const p = data.progress;
  const pairwise = item !== null && item.outputs.length > 1;
  return (
    <div
      ref={mainRef}
      tabIndex={-1}
      className={cn("grid gap-4 outline-none lg:grid-cols-[minmax(0,1fr)_20rem] lg:items-start", item && "pb-44 md:pb-0")}
      data-testid="review-screen"
      data-item-id={item?.itemId ?? ""}
      data-keys-ready={keysReady || undefined}
    >
      {/* Progress stays in view on a phone: it sticks under the top of the scrolling page. */}
      <div className="sticky top-0 z-10 -mx-4 grid gap-2 bg-white/95 px-4 py-2 backdrop-blur md:static md:mx-0 md:bg-transparent md:p-0 md:backdrop-blur-none lg:col-span-2 dark:bg-zinc-950/95 md:dark:bg-transparent">
        <div className="flex items-center justify-between gap-3 text-sm">
          <p className="min-w-0 text-zinc-600 dark:text-zinc-400" data-testid="review-progress" aria-live="polite">
            <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
              {p.done} / {p.total}
            </span>{" "}
            <span className="hidden sm:inline">reviews done · you: </span>
            <span className="sm:hidden">· you </span>
            <span className="tabular-nums" data-testid="mine-today">{p.mineToday}</span> today<span className="hidden sm:inline">, <span className="tabular-nums">{p.mine}</span> in all</span>
          </p>
          <div className="flex shrink-0 items-center gap-1">
            {last && (
              <span className="mr-2 hidden text-xs text-zinc-500 md:inline" data-testid="last-verdict">
                Saved {VERDICT_TEXT[last]} · <Kbd>u</Kbd> undo
              </span>
            )}
            <Button size="sm" variant="ghost" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts (?)" className="hidden md:inline-flex">
              <Keyboard className="size-4" /> <Kbd>?</Kbd>
            </Button>
          </div>
        </div>
        <ProgressBar done={p.done} total={p.total} />
      </div>

      <div className="flex min-w-0 flex-col gap-4">
        {queue.instructions.trim() && (
          <section className="order-2 rounded-lg border border-zinc-200 bg-zinc-50 md:order-none dark:border-zinc-800 dark:bg-zinc-900/50" data-testid="instructions">
            <button
              type="button"
              onClick={() => setInstructionsOpen((o) => !o)}
              aria-expanded={instructionsOpen}
              className="flex w-full items-center gap-1.5 px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500"
            >
              <ChevronRight className={cn("size-3.5 transition-transform", instructionsOpen && "rotate-90")} aria-hidden /> Instructions
            </button>
            {instructionsOpen && (
              <div className="px-4 pb-3">
                <Markdown text={queue.instructions} />
              </div>
            )}
          </section>
        )}

        {!item ? (
          <Card data-testid="queue-done">
            {p.total === 0 ? (
              <EmptyState icon={Inbox} title="This queue has no items yet">
                Items appear here when an editor adds runs to the queue, or when its filter samples new ones.
              </EmptyState>
            ) : (
              <EmptyState
                icon={CheckCircle2}
                title={skipped.length ? "Nothing left but what you skipped" : "Nothing left for you in this queue"}
                action={
                  <div className="flex flex-wrap justify-center gap-2">
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
                {p.mine > 0 && <span className="hidden md:inline"> Press u to undo your last review.</span>}
                {p.mine > 0 && (
                  <span className="mt-3 block md:hidden">
                    <Button variant="ghost" onClick={undo} disabled={pending}>
                      Undo my last review
                    </Button>
                  </span>
                )}
              </EmptyState>
            )}
          </Card>
        ) : (
          <>
            {pairwise && (
              <div role="tablist" aria-label="Output shown" className="grid grid-cols-2 rounded-lg bg-zinc-100 p-1 md:hidden dark:bg-zinc-900" data-testid="side-switch">
                {(["A", "B"] as const).map((s) => (
                  <button
                    key={s}
                    type="button"
                    role="tab"
                    aria-selected={side === s}
                    onClick={() => setSide(s)}
                    className={cn("h-10 rounded-md text-sm font-medium", side === s ? "bg-white text-zinc-900 shadow-sm dark:bg-zinc-800 dark:text-zinc-100" : "text-zinc-500")}
                  >
                    Output {s}
                  </button>
                ))}
              </div>
            )}

            <div
              className={cn("relative grid gap-4", pairwise && "md:grid-cols-2")}
              {...swipe.handlers}
              style={queue.mode === "single" ? swipe.style : undefined}
              data-testid="swipe-area"
            >
              {queue.mode === "single" && swipe.dx !== 0 && (
                <div aria-hidden className={cn("pointer-events-none absolute inset-y-0 flex items-center px-4", swipe.dx > 0 ? "left-0" : "right-0")}>
                  {swipe.dx > 0 ? <ThumbsUp className="size-8 text-emerald-500" style={{ opacity: Math.min(1, swipe.dx / 96) }} /> : <ThumbsDown className="size-8 text-red-500" style={{ opacity: Math.min(1, -swipe.dx / 96) }} />}
                </div>
              )}
              {item.outputs.map((o) => (
                <div key={o.side ?? "single"} className={cn("min-w-0", pairwise && o.side !== side && "hidden md:block")} style={swipe.dx ? { transform: `translateX(${swipe.dx}px) rotate(${swipe.dx / 60}deg)` } : undefined}>
                  <OutputPanel output={o} promptOpen={promptOpen} onTogglePrompt={() => setPromptOpen((v) => !v)} highlight={chosen !== null && chosen === o.side} reveal={!pairwise || o.side === side} />
                </div>
              ))}
            </div>
            {queue.mode === "single" && <p className="-mt-2 text-center text-xs text-zinc-400 md:hidden">Swipe right for good, left for bad</p>}

            {Object.keys(item.variables).length > 0 && (
              <Card className="order-3 px-4 py-3 md:order-none" data-testid="variables">
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
          </>
        )}
      </div>

      {item && (
        <div className="lg:sticky lg:top-4">
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
            onVote={(v, source) => void vote(v, source)}
            onSkip={skip}
            onUndo={undo}
            panelOpen={panelOpen}
            onPanelOpen={setPanelOpen}
          />
        </div>
      )}
      <ShortcutsDialog mode={queue.mode} open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
