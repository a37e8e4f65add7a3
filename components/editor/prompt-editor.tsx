"use client";
import * as React from "react";
import dynamic from "next/dynamic";
import { Lock } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { EditorSkeleton } from "./skeleton";
import { cssHeight, estimateAutoHeight, type PromptEditorProps } from "./types";

const PromptEditorImpl = dynamic(() => import("./prompt-editor-impl"), {
  ssr: false,
  loading: ({ error }) => <EditorSkeleton error={error} />,
});

/**
 * Monaco editor for prompt templates (Mustache tags highlighted) or JSON. Client only: the frame renders on the
 * server at its final height and Monaco loads into it, so the page does not shift.
 *
 * Controlled: pass `value` and `onChange`. To bind y-monaco, use `onMount(editor, monaco)`.
 */
export function PromptEditor(props: PromptEditorProps) {
  const { height = 320, minHeight = 80, maxHeight = 400, readOnly = false, className } = props;
  const auto = height === "auto";
  const style = (
    auto
      ? { "--editor-skeleton-h": `${estimateAutoHeight(props.value, minHeight, maxHeight)}px` }
      : { height: cssHeight(height) }
  ) as React.CSSProperties;

  // `contain: inline-size`: Monaco gives its DOM explicit pixel widths; without containment those widths become
  // the frame's min-content width and a grid/flex parent can never shrink the editor again.
  return (
    <div
      data-testid="prompt-editor"
      data-readonly={readOnly || undefined}
      style={style}
      className={cn(
        "relative w-full overflow-hidden rounded-md border [contain:inline-size] border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900",
        readOnly && "[&_.monaco-editor_.cursors-layer]:opacity-30",
        className,
      )}
    >
      <PromptEditorImpl {...props} />
      {readOnly && (
        <span
          data-testid="prompt-editor-readonly"
          className="pointer-events-none absolute right-4 top-1.5 z-10 inline-flex items-center gap-1 rounded bg-zinc-100/90 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-800/90 dark:text-zinc-300 dark:ring-zinc-700"
        >
          <Lock className="size-3" aria-hidden />
          Read only
        </span>
      )}
    </div>
  );
}
