// Client components; importing this barrel never loads Monaco itself (that happens in the browser, on first render).
export { PromptEditor } from "./prompt-editor";
export { PromptDiffEditor } from "./prompt-diff-editor";
export { ChatMessagesEditor } from "./chat-messages-editor";
export { TEMPLATE_LANGUAGE_ID } from "./template-language";
export { CHAT_ROLES } from "./types";
export type {
  ChatMessage,
  ChatMessagesEditorProps,
  ChatRole,
  CodeEditorInstance,
  DiffEditorInstance,
  EditorLanguage,
  MonacoInstance,
  PromptDiffEditorProps,
  PromptEditorProps,
} from "./types";
