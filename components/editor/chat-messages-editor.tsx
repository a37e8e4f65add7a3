"use client";
import * as React from "react";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { PromptEditor } from "./prompt-editor";
import { CHAT_ROLES, type ChatMessage, type ChatMessagesEditorProps, type ChatRole } from "./types";

const ROLE_LABEL: Record<ChatRole, string> = { system: "System", user: "User", assistant: "Assistant" };
const ROLE_ACCENT: Record<ChatRole, string> = {
  system: "border-l-amber-400 dark:border-l-amber-500",
  user: "border-l-blue-400 dark:border-l-blue-500",
  assistant: "border-l-emerald-400 dark:border-l-emerald-500",
};

let nextKey = 0;
const newKey = () => `m${++nextKey}`;

/**
 * Keys that follow each message through add / remove / move, so each Monaco instance keeps its own model, cursor
 * and undo history. If `value` changes length from outside, keys are appended or trimmed at the end.
 */
function useStableKeys(length: number) {
  const [keys, setKeys] = React.useState<string[]>(() => Array.from({ length }, newKey));
  let current = keys;
  if (keys.length !== length) {
    current = keys.length < length ? [...keys, ...Array.from({ length: length - keys.length }, newKey)] : keys.slice(0, length);
    setKeys(current);
  }
  return [current, setKeys] as const;
}

/** A chat prompt's messages: role + Monaco content per message, with add / remove / reorder. */
export function ChatMessagesEditor({ value, onChange, readOnly = false, className }: ChatMessagesEditorProps) {
  const [keys, setKeys] = useStableKeys(value.length);

  // Monaco reports edits through callbacks created once per editor: read the latest list from a ref.
  const valueRef = React.useRef(value);
  const onChangeRef = React.useRef(onChange);
  React.useEffect(() => {
    valueRef.current = value;
    onChangeRef.current = onChange;
  });

  const update = (next: ChatMessage[], nextKeys: string[]) => {
    valueRef.current = next;
    setKeys(nextKeys);
    onChange(next);
  };

  const setContent = React.useCallback((index: number, content: string) => {
    const list = valueRef.current;
    const current = list[index];
    if (!current || current.content === content) return;
    const next = list.map((m, i) => (i === index ? { ...m, content } : m));
    valueRef.current = next;
    onChangeRef.current(next);
  }, []);

  const setRole = (index: number, role: ChatRole) => update(value.map((m, i) => (i === index ? { ...m, role } : m)), keys);

  const move = (index: number, delta: -1 | 1) => {
    const j = index + delta;
    if (j < 0 || j >= value.length) return;
    const next = [...value];
    const nextKeys = [...keys];
    [next[index], next[j]] = [next[j]!, next[index]!];
    [nextKeys[index], nextKeys[j]] = [nextKeys[j]!, nextKeys[index]!];
    update(next, nextKeys);
  };

  const remove = (index: number) =>
    update(
      value.filter((_, i) => i !== index),
      keys.filter((_, i) => i !== index),
    );

  const add = () => {
    const last = value[value.length - 1]?.role;
    const role: ChatRole = last === undefined ? "system" : last === "user" ? "assistant" : "user";
    update([...value, { role, content: "" }], [...keys, newKey()]);
  };

  return (
    <div data-testid="chat-messages-editor" className={cn("grid gap-3", className)}>
      {value.length === 0 && (
        <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700">
          No messages yet.
        </p>
      )}
      {value.map((message, index) => (
        <MessageRow
          key={keys[index]}
          index={index}
          count={value.length}
          message={message}
          readOnly={readOnly}
          onRole={setRole}
          onContent={setContent}
          onMove={move}
          onRemove={remove}
        />
      ))}
      {!readOnly && (
        <div>
          <Button type="button" variant="secondary" size="sm" onClick={add} data-testid="chat-add-message">
            <Plus className="size-3.5" aria-hidden />
            Add message
          </Button>
        </div>
      )}
    </div>
  );
}

function MessageRow({
  index,
  count,
  message,
  readOnly,
  onRole,
  onContent,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  message: ChatMessage;
  readOnly: boolean;
  onRole: (index: number, role: ChatRole) => void;
  onContent: (index: number, content: string) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
}) {
  const n = index + 1;
  const selectId = React.useId();
  // The editor's onChange is read through a ref inside PromptEditor, so a new closure per render is fine.
  const handleContent = (content: string) => onContent(index, content);

  return (
    <div
      data-testid="chat-message"
      data-role={message.role}
      className={cn(
        "overflow-hidden rounded-lg border border-l-4 border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900",
        ROLE_ACCENT[message.role],
      )}
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5 dark:border-zinc-800 dark:bg-zinc-950/40">
        <label htmlFor={selectId} className="sr-only">
          Role of message {n}
        </label>
        {readOnly ? (
          <span id={selectId} className="text-xs font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            {ROLE_LABEL[message.role]}
          </span>
        ) : (
          <Select
            id={selectId}
            value={message.role}
            onChange={(e) => onRole(index, e.currentTarget.value as ChatRole)}
            className="h-7 w-32 py-0 pl-2 text-xs font-medium"
            data-testid="chat-message-role"
          >
            {CHAT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </Select>
        )}
        <span className="text-xs text-zinc-400">#{n}</span>
        {!readOnly && (
          <div className="ml-auto flex items-center gap-0.5">
            <Button type="button" variant="ghost" size="sm" className="px-1.5" onClick={() => onMove(index, -1)} disabled={index === 0} aria-label={`Move message ${n} up`} title="Move up">
              <ArrowUp className="size-3.5" aria-hidden />
            </Button>
            <Button type="button" variant="ghost" size="sm" className="px-1.5" onClick={() => onMove(index, 1)} disabled={index === count - 1} aria-label={`Move message ${n} down`} title="Move down">
              <ArrowDown className="size-3.5" aria-hidden />
            </Button>
            <Button type="button" variant="danger-ghost" size="sm" className="px-1.5" onClick={() => onRemove(index)} aria-label={`Remove message ${n}`} title="Remove">
              <Trash2 className="size-3.5" aria-hidden />
            </Button>
          </div>
        )}
      </div>
      <PromptEditor
        value={message.content}
        onChange={readOnly ? undefined : handleContent}
        readOnly={readOnly}
        height="auto"
        minHeight={80}
        maxHeight={400}
        ariaLabel={`${ROLE_LABEL[message.role]} message ${n}`}
        className="rounded-none border-0"
      />
    </div>
  );
}
