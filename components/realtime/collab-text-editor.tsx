"use client";
import { useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { PromptEditor, type CodeEditorInstance } from "@/components/editor";

/** A Monaco editor bound to a Y.Text with y-monaco: shared content, remote cursors and selections. */
export function CollabTextEditor({ ytext, awareness, readOnly, height, ariaLabel }: { ytext: Y.Text; awareness: Awareness; readOnly: boolean; height: number | "auto"; ariaLabel: string }) {
  const [initial] = useState(() => ytext.toString());
  const binding = useRef<{ destroy(): void } | null>(null);
  useEffect(() => () => binding.current?.destroy(), []);
  return (
    <PromptEditor
      value={initial}
      readOnly={readOnly}
      height={height}
      maxHeight={480}
      ariaLabel={ariaLabel}
      onMount={async (editor: CodeEditorInstance) => {
        // Loaded in the browser only, next to Monaco itself.
        const { MonacoBinding } = await import("y-monaco");
        binding.current?.destroy();
        binding.current = new MonacoBinding(ytext, editor.getModel()!, new Set([editor]), awareness);
      }}
    />
  );
}
