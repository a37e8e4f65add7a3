import type * as Monaco from "monaco-editor";

export type EditorLanguage = "promptyard-template" | "json";

/** CSS height: a number is pixels. PromptEditor also takes "auto" (grows with its content, see min/maxHeight). */
export type EditorHeight = number | string;

export type MonacoInstance = typeof Monaco;
export type CodeEditorInstance = Monaco.editor.IStandaloneCodeEditor;
export type DiffEditorInstance = Monaco.editor.IStandaloneDiffEditor;

export interface PromptEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** Pixels, any CSS height, or "auto" to fit the content between minHeight and maxHeight. Default 320. */
  height?: EditorHeight | "auto";
  /** Only with height="auto". Defaults 80 and 400. */
  minHeight?: number;
  maxHeight?: number;
  ariaLabel?: string;
  /**
   * Called once with the editor and the (local) Monaco namespace, e.g. to bind y-monaco:
   * `new MonacoBinding(yText, editor.getModel()!, new Set([editor]), awareness)`.
   */
  onMount?: (editor: CodeEditorInstance, monaco: MonacoInstance) => void;
  language?: EditorLanguage;
  /** Extra classes for the bordered frame (e.g. "rounded-none border-0" inside a card). */
  className?: string;
}

export interface PromptDiffEditorProps {
  original: string;
  modified: string;
  originalLabel?: string;
  modifiedLabel?: string;
  /** Pixels or any CSS height of the diff area (the label row is extra). Default 320. */
  height?: EditorHeight;
  language?: EditorLanguage;
  /** Default true. false: one inline column. */
  sideBySide?: boolean;
  /** Collapse long runs of unchanged lines (keeps 3 lines of context). Default false. */
  hideUnchangedRegions?: boolean;
  onMount?: (editor: DiffEditorInstance, monaco: MonacoInstance) => void;
  className?: string;
}

export const CHAT_ROLES = ["system", "user", "assistant"] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];
/** Same shape as a chat prompt's content in db/schema/prompts.ts. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatMessagesEditorProps {
  value: ChatMessage[];
  onChange: (value: ChatMessage[]) => void;
  readOnly?: boolean;
  className?: string;
}

/** Same stack as `--font-mono` in app/globals.css (Monaco measures the font itself, so it takes a literal). */
export const MONO_FONT_STACK = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';
export const EDITOR_FONT_SIZE = 13;
export const EDITOR_LINE_HEIGHT = 20;
export const EDITOR_PADDING = 8;

export function cssHeight(h: EditorHeight): string {
  return typeof h === "number" ? `${h}px` : h;
}

/** Height an auto-height editor will take for `value` before Monaco has measured it (no wrapping assumed). */
export function estimateAutoHeight(value: string, min: number, max: number): number {
  const lines = value === "" ? 1 : value.split("\n").length;
  return Math.min(max, Math.max(min, lines * EDITOR_LINE_HEIGHT + 2 * EDITOR_PADDING));
}
