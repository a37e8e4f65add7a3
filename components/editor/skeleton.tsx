"use client";
import * as React from "react";

/**
 * Placeholder shown while Monaco's chunk loads (dynamic import, no SSR). It fills its frame, whose height is the
 * editor's, so nothing moves when the editor appears. Shows a message if the chunk failed to load.
 */
export function EditorSkeleton({ error }: { error?: Error | null }) {
  if (error) {
    return (
      <div role="alert" className="flex h-full min-h-[var(--editor-skeleton-h,80px)] items-center justify-center px-4 text-sm text-red-600 dark:text-red-400">
        The editor failed to load. Reload the page to try again.
      </div>
    );
  }
  return (
    <div
      aria-hidden
      data-testid="editor-skeleton"
      className="flex h-full min-h-[var(--editor-skeleton-h,80px)] w-full animate-pulse bg-white dark:bg-zinc-900"
    >
      <div className="w-10 shrink-0 bg-zinc-50 dark:bg-zinc-900" />
      <div className="flex-1 space-y-2.5 px-3 py-3">
        <div className="h-2.5 w-3/4 rounded bg-zinc-100 dark:bg-zinc-800" />
        <div className="h-2.5 w-1/2 rounded bg-zinc-100 dark:bg-zinc-800" />
        <div className="h-2.5 w-2/3 rounded bg-zinc-100 dark:bg-zinc-800" />
      </div>
    </div>
  );
}
