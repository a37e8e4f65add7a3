"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Save } from "lucide-react";
import { toast } from "sonner";
import { createPromptAction } from "@/app/w/[slug]/prompts/actions";
import { ChatMessagesEditor, PromptEditor, type ChatMessage } from "@/components/editor";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";

/** The free-form playground's template: text or chat, written here; `onSave` (editors+) makes it a prompt. */
export function FreeformTemplateCard(p: {
  type: "text" | "chat";
  onTypeChange: (t: "text" | "chat") => void;
  text: string;
  onTextChange: (t: string) => void;
  messages: ChatMessage[];
  onMessagesChange: (m: ChatMessage[]) => void;
  problem: string | null;
  onSave: (() => void) | null;
}) {
  return (
    <Card>
      <CardHeader title="Template" description="Text or chat; each {{variable}} gets a field below." />
      <CardBody className="grid gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <Select aria-label="Template type" className="h-8 w-auto" value={p.type} onChange={(e) => p.onTypeChange(e.target.value as "text" | "chat")}>
            <option value="text">Text</option>
            <option value="chat">Chat</option>
          </Select>
          {p.onSave && (
            <Button variant="secondary" size="sm" className="whitespace-nowrap" onClick={p.onSave} disabled={p.problem !== null}>
              <Save className="size-3.5" /> Save as prompt
            </Button>
          )}
        </div>
        {p.type === "text" ? (
          <PromptEditor value={p.text} onChange={p.onTextChange} height="auto" minHeight={120} maxHeight={360} ariaLabel="Free-form template" />
        ) : (
          <ChatMessagesEditor value={p.messages} onChange={p.onMessagesChange} />
        )}
        {p.problem && (
          <p className="mt-2 text-xs text-red-600 dark:text-red-400" data-testid="template-problem">
            {p.problem}
          </p>
        )}
      </CardBody>
    </Card>
  );
}

/** "Save as prompt": a prompt whose version 1 is the free-form template; opens it once created. */
export function SaveAsPromptDialog({ ws, open, onOpenChange, type, content }: { ws: string; open: boolean; onOpenChange: (o: boolean) => void; type: "text" | "chat"; content: string | ChatMessage[] }) {
  const [slug, setSlug] = useState("");
  const [saving, setSaving] = useState(false);
  const router = useRouter();
  const save = async () => {
    setSaving(true);
    const res = await createPromptAction(ws, { slug: slug.trim(), type, content });
    setSaving(false);
    if (!res.ok) return toast.error(res.error.message);
    toast.success(`Saved as ${res.data.slug} (v1)`);
    router.push(`/w/${ws}/prompts/${res.data.slug}`);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Save as prompt" description="Creates a prompt whose version 1 is this template.">
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Slug" htmlFor="save-slug">
            <Input id="save-slug" autoFocus placeholder="support/summarize" value={slug} onChange={(e) => setSlug(e.target.value)} />
          </Field>
          <div className="flex justify-end">
            <Button type="submit" disabled={saving || !slug.trim()}>
              {saving ? "Saving…" : "Create prompt"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
