"use client";
/** The Monaco part of PromptDiffEditor (browser only). Use PromptDiffEditor in pages. */
import * as React from "react";
import { DiffEditor } from "@monaco-editor/react";
import { useTheme } from "next-themes";
import type * as Monaco from "monaco-editor";
import "./monaco-setup";
import { TEMPLATE_LANGUAGE_ID, themeFor } from "./template-language";
import {
  EDITOR_FONT_SIZE,
  EDITOR_LINE_HEIGHT,
  EDITOR_PADDING,
  MONO_FONT_STACK,
  type DiffEditorInstance,
  type MonacoInstance,
  type PromptDiffEditorProps,
} from "./types";

export default function PromptDiffEditorImpl({
  original,
  modified,
  language = TEMPLATE_LANGUAGE_ID,
  sideBySide = true,
  hideUnchangedRegions = false,
  originalLabel = "Original",
  modifiedLabel = "Modified",
  onMount,
}: PromptDiffEditorProps) {
  const { resolvedTheme } = useTheme();
  const onMountRef = React.useRef(onMount);
  React.useEffect(() => {
    onMountRef.current = onMount;
  });

  const options = React.useMemo<Monaco.editor.IDiffEditorConstructionOptions>(
    () => ({
      readOnly: true,
      domReadOnly: true,
      originalEditable: false,
      readOnlyMessage: { value: "Diffs are read only." },
      originalAriaLabel: `${originalLabel} (read only)`,
      modifiedAriaLabel: `${modifiedLabel} (read only)`,
      renderSideBySide: sideBySide,
      // Keep the two columns under their labels: no automatic switch to inline, no draggable split.
      useInlineViewWhenSpaceIsLimited: false,
      enableSplitViewResizing: false,
      // Whitespace is content in a prompt.
      ignoreTrimWhitespace: false,
      renderIndicators: true,
      renderOverviewRuler: false,
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      hideUnchangedRegions: { enabled: hideUnchangedRegions, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
      wordWrap: "on",
      diffWordWrap: "on",
      minimap: { enabled: false },
      lineNumbers: "on",
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      fontFamily: MONO_FONT_STACK,
      fontSize: EDITOR_FONT_SIZE,
      lineHeight: EDITOR_LINE_HEIGHT,
      padding: { top: EDITOR_PADDING, bottom: EDITOR_PADDING },
      scrollBeyondLastLine: false,
      renderLineHighlight: "none",
      guides: { indentation: false, bracketPairs: false },
      stickyScroll: { enabled: false },
      scrollbar: { alwaysConsumeMouseWheel: false, useShadows: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
      occurrencesHighlight: "off",
      contextmenu: false,
      fixedOverflowWidgets: true,
      automaticLayout: true,
    }),
    [sideBySide, hideUnchangedRegions, originalLabel, modifiedLabel],
  );

  const handleMount = React.useCallback((editor: DiffEditorInstance, monaco: MonacoInstance) => {
    // The wrapper keeps the models on unmount (see keepCurrent* below) and we dispose them once the diff editor
    // itself is gone: disposing them first makes Monaco throw "TextModel got disposed before DiffEditorWidget
    // model got reset".
    const model = editor.getModel();
    editor.onDidDispose(() => {
      model?.original.dispose();
      model?.modified.dispose();
    });
    onMountRef.current?.(editor, monaco);
  }, []);

  return (
    <DiffEditor
      original={original}
      modified={modified}
      language={language}
      theme={themeFor(resolvedTheme)}
      options={options}
      height="100%"
      keepCurrentOriginalModel
      keepCurrentModifiedModel
      onMount={handleMount}
      loading={null}
    />
  );
}
