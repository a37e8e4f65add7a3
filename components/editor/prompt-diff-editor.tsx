"use client";
import * as React from "react";
import dynamic from "next/dynamic";
import { cn } from "@/components/ui/cn";
import { EditorSkeleton } from "./skeleton";
import { cssHeight, type PromptDiffEditorProps } from "./types";

const PromptDiffEditorImpl = dynamic(() => import("./prompt-diff-editor-impl"), {
  ssr: false,
  loading: ({ error }) => <EditorSkeleton error={error} />,
});

/** Read-only Monaco diff of two prompt versions (or two JSON configs), labelled above each side. Client only. */
export function PromptDiffEditor(props: PromptDiffEditorProps) {
  const { originalLabel = "Original", modifiedLabel = "Modified", height = 320, sideBySide = true, className } = props;
  return (
    <div
      data-testid="prompt-diff"
      className={cn("w-full overflow-hidden rounded-md border [contain:inline-size] border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900", className)}
    >
      <div
        className={cn(
          "grid border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600 dark:border-zinc-800 dark:bg-zinc-950/40 dark:text-zinc-400",
          sideBySide ? "grid-cols-2" : "grid-cols-1",
        )}
      >
        {sideBySide ? (
          <>
            <div data-testid="prompt-diff-original-label" className="truncate border-r border-zinc-200 px-3 py-1.5 dark:border-zinc-800">
              {originalLabel}
            </div>
            <div data-testid="prompt-diff-modified-label" className="truncate px-3 py-1.5">
              {modifiedLabel}
            </div>
          </>
        ) : (
          <div className="flex min-w-0 items-center gap-1.5 px-3 py-1.5">
            <span data-testid="prompt-diff-original-label" className="truncate text-red-700 dark:text-red-400">
              − {originalLabel}
            </span>
            <span className="text-zinc-400" aria-hidden>
              →
            </span>
            <span data-testid="prompt-diff-modified-label" className="truncate text-emerald-700 dark:text-emerald-400">
              + {modifiedLabel}
            </span>
          </div>
        )}
      </div>
      <div style={{ height: cssHeight(height) }}>
        <PromptDiffEditorImpl {...props} />
      </div>
    </div>
  );
}
