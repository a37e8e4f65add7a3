"use client";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { createMessage } from "@/lib/realtime/draft-model";
import { CollabTextEditor } from "./collab-text-editor";

const ROLES = ["system", "user", "assistant"] as const;
const ids = new WeakMap<Y.Map<unknown>, number>();
let nextId = 1;
const keyOf = (m: Y.Map<unknown>) => ids.get(m) ?? (ids.set(m, nextId++), ids.get(m)!);

/** Chat messages of the live draft: each message's role and text are shared; list edits merge like any other. */
export function CollabChatEditor({ messages, awareness, readOnly }: { messages: Y.Array<Y.Map<unknown>>; awareness: Awareness; readOnly: boolean }) {
  const [items, setItems] = useState(() => messages.toArray());
  const [, setTick] = useState(0);
  useEffect(() => {
    const onChange = () => {
      setItems(messages.toArray());
      setTick((t) => t + 1); // role changes live inside the maps
    };
    messages.observeDeep(onChange);
    return () => messages.unobserveDeep(onChange);
  }, [messages]);

  const move = (i: number, to: number) => {
    const m = messages.get(i);
    const copy = createMessage(String(m.get("role")), String(m.get("content") ?? ""));
    messages.doc!.transact(() => {
      messages.delete(i, 1);
      messages.insert(to, [copy]);
    });
  };

  return (
    <div className="grid gap-3">
      {items.map((m, i) => {
        const text = m.get("content");
        return (
          <div key={keyOf(m)} className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid={`message-${i}`}>
            <div className="flex items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-2 py-1.5 dark:border-zinc-800 dark:bg-zinc-900">
              {readOnly ? (
                <span className="px-1 text-sm font-medium capitalize">{String(m.get("role"))}</span>
              ) : (
                <Select aria-label={`Role of message ${i + 1}`} className="h-8 w-36" value={String(m.get("role"))} onChange={(e) => m.set("role", e.target.value)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              )}
              <span className="text-xs text-zinc-400">#{i + 1}</span>
              {!readOnly && (
                <div className="ml-auto flex gap-0.5">
                  <Button variant="ghost" size="sm" aria-label="Move up" disabled={i === 0} onClick={() => move(i, i - 1)}>
                    <ArrowUp className="size-3.5" />
                  </Button>
                  <Button variant="ghost" size="sm" aria-label="Move down" disabled={i === items.length - 1} onClick={() => move(i, i + 1)}>
                    <ArrowDown className="size-3.5" />
                  </Button>
                  <Button variant="danger-ghost" size="sm" aria-label="Remove message" disabled={items.length === 1} onClick={() => messages.delete(i, 1)}>
                    <Trash2 className="size-3.5" />
                  </Button>
                </div>
              )}
            </div>
            {text instanceof Y.Text ? <CollabTextEditor ytext={text} awareness={awareness} readOnly={readOnly} height="auto" ariaLabel={`Message ${i + 1}`} /> : null}
          </div>
        );
      })}
      {!readOnly && (
        <div>
          <Button variant="secondary" size="sm" onClick={() => messages.push([createMessage(items.length % 2 ? "user" : "assistant", "")])}>
            <Plus className="size-3.5" /> Add message
          </Button>
        </div>
      )}
    </div>
  );
}
