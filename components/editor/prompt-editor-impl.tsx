"use client";
/**
 * The Monaco part of PromptEditor. Loaded only in the browser, through `PromptEditor` (prompt-editor.tsx), which
 * draws the frame, the "Read only" badge and the loading skeleton. Use PromptEditor, not this, in pages.
 */
import * as React from "react";
import Editor from "@monaco-editor/react";
import { useTheme } from "next-themes";
import type * as Monaco from "monaco-editor";
import "./monaco-setup";
import { TEMPLATE_LANGUAGE_ID, themeFor } from "./template-language";
import {
  EDITOR_FONT_SIZE,
  EDITOR_LINE_HEIGHT,
  EDITOR_PADDING,
  MONO_FONT_STACK,
  estimateAutoHeight,
  type CodeEditorInstance,
  type MonacoInstance,
  type PromptEditorProps,
} from "./types";

export function editorOptions(opts: {
  readOnly: boolean;
  language: string;
  ariaLabel?: string;
}): Monaco.editor.IStandaloneEditorConstructionOptions {
  const isJson = opts.language === "json";
  return {
    readOnly: opts.readOnly,
    domReadOnly: opts.readOnly,
    readOnlyMessage: { value: "This editor is read only." },
    ariaLabel: opts.ariaLabel,
    wordWrap: "on",
    wrappingIndent: "same",
    minimap: { enabled: false },
    lineNumbers: "on",
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 8,
    glyphMargin: false,
    folding: isJson,
    fontFamily: MONO_FONT_STACK,
    fontSize: EDITOR_FONT_SIZE,
    lineHeight: EDITOR_LINE_HEIGHT,
    // Room above line 1 for a co-editor's name tag (components/realtime/presence.tsx draws it above the line).
    padding: { top: EDITOR_PADDING * 2, bottom: EDITOR_PADDING },
    scrollBeyondLastLine: false,
    renderLineHighlight: opts.readOnly ? "none" : "line",
    // Several editors per page (chat messages): only the focused one marks its current line.
    renderLineHighlightOnlyWhenFocus: true,
    cursorBlinking: opts.readOnly ? "solid" : "smooth",
    cursorStyle: opts.readOnly ? "line-thin" : "line",
    // Template tags get their colours from the tokenizer; the template language declares no bracket pairs, so
    // bracket-pair colours never paint over them. (JSON keeps Monaco's bracket-pair colours.)
    guides: { indentation: isJson, bracketPairs: false },
    matchBrackets: isJson ? "always" : "near",
    stickyScroll: { enabled: false },
    overviewRulerLanes: 0,
    overviewRulerBorder: false,
    hideCursorInOverviewRuler: true,
    scrollbar: { alwaysConsumeMouseWheel: false, useShadows: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    // Prose: no word-based suggestion popups, no highlighting of look-alike characters (curly quotes, dashes).
    quickSuggestions: isJson,
    wordBasedSuggestions: isJson ? "currentDocument" : "off",
    unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: true },
    occurrencesHighlight: "off",
    renderWhitespace: "none",
    tabSize: 2,
    insertSpaces: true,
    // Widgets (find, hovers, suggestions) escape the frame's rounded, overflow-hidden border.
    fixedOverflowWidgets: true,
    contextmenu: true,
    automaticLayout: true,
  };
}

export default function PromptEditorImpl({
  value,
  onChange,
  readOnly = false,
  height = 320,
  minHeight = 80,
  maxHeight = 400,
  ariaLabel = "Prompt editor",
  onMount,
  language = TEMPLATE_LANGUAGE_ID,
}: PromptEditorProps) {
  const { resolvedTheme } = useTheme();
  const auto = height === "auto";
  const [autoHeight, setAutoHeight] = React.useState(() => estimateAutoHeight(value, minHeight, maxHeight));

  const editorRef = React.useRef<CodeEditorInstance | null>(null);
  // Latest props for callbacks that Monaco holds on to.
  const latest = React.useRef({ value, readOnly, onChange, onMount, minHeight, maxHeight });
  React.useEffect(() => {
    latest.current = { value, readOnly, onChange, onMount, minHeight, maxHeight };
  });
  /**
   * Values reported through onChange that the `value` prop has not caught up with yet. While typing fast the
   * prop can lag the editor by a few keystrokes; a lagging prop must not be written back (that would drop the
   * newer keystrokes), only a value that really came from outside.
   */
  const emitted = React.useRef<string[]>([]);
  const syncing = React.useRef(false);

  const applyExternal = React.useCallback((next: string) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const current = model.getValue();
    if (next === current) {
      emitted.current = [];
      return;
    }
    const at = emitted.current.lastIndexOf(next);
    if (at !== -1) {
      emitted.current = emitted.current.slice(at + 1);
      return;
    }
    emitted.current = [];
    syncing.current = true;
    try {
      if (latest.current.readOnly) {
        model.setValue(next);
      } else {
        // An edit, not setValue: keeps undo history and the cursor where it can.
        editor.executeEdits("external", [{ range: model.getFullModelRange(), text: next, forceMoveMarkers: true }]);
        editor.pushUndoStop();
      }
    } finally {
      syncing.current = false;
    }
  }, []);

  React.useEffect(() => applyExternal(value), [value, applyExternal]);

  const handleMount = React.useCallback(
    (editor: CodeEditorInstance, monaco: MonacoInstance) => {
      editorRef.current = editor;
      editor.onDidChangeModelContent(() => {
        if (syncing.current) return;
        const next = editor.getValue();
        emitted.current.push(next);
        if (emitted.current.length > 200) emitted.current.splice(0, emitted.current.length - 200);
        latest.current.onChange?.(next);
      });
      // The prop may have changed while Monaco was loading.
      applyExternal(latest.current.value);
      if (auto) {
        const fit = () => {
          const { minHeight: lo, maxHeight: hi } = latest.current;
          setAutoHeight(Math.min(hi, Math.max(lo, Math.ceil(editor.getContentHeight()))));
        };
        editor.onDidContentSizeChange(fit);
        fit();
      }
      latest.current.onMount?.(editor, monaco);
    },
    [auto, applyExternal],
  );

  const options = React.useMemo(() => editorOptions({ readOnly, language, ariaLabel }), [readOnly, language, ariaLabel]);

  return (
    <Editor
      // Uncontrolled inside: the value is synchronised above, without racing the keyboard.
      defaultValue={value}
      language={language}
      theme={themeFor(resolvedTheme)}
      options={options}
      height={auto ? autoHeight : "100%"}
      onMount={handleMount}
      loading={null}
    />
  );
}
