"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Plus } from "lucide-react";
import { createPromptAction } from "@/app/w/[slug]/prompts/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";

export function NewPromptDialog({ ws, folder }: { ws: string; folder?: string }) {
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState(folder ? `${folder}/` : "");
  const [type, setType] = useState<"text" | "chat">("text");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState("");
  const [isComponent, setIsComponent] = useState(false);
  const router = useRouter();
  const action = useServerAction();
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="size-4" /> New prompt
        </Button>
      </DialogTrigger>
      <DialogContent title="New prompt" description="Creates version 1 from a starter template; edit it and commit v2 from the editor.">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(
              () =>
                createPromptAction(ws, {
                  slug: slug.trim(),
                  type,
                  description,
                  tags: tags.split(",").map((t) => t.trim()).filter(Boolean),
                  isComponent,
                }),
              { success: "Prompt created", onSuccess: (d) => router.push(`/w/${ws}/prompts/${d.slug}`) },
            );
          }}
        >
          {action.error && <Alert>{action.error}</Alert>}
          <Field label="Slug" htmlFor="prompt-slug" hint="Lowercase letters, digits, - and _; “/” makes folders, e.g. support/reply.">
            <Input id="prompt-slug" required autoFocus maxLength={120} value={slug} onChange={(e) => setSlug(e.target.value.toLowerCase())} placeholder="support/reply" />
          </Field>
          <Field label="Type" htmlFor="prompt-type">
            <Select id="prompt-type" value={type} onChange={(e) => setType(e.target.value as "text" | "chat")}>
              <option value="text">Text: one template</option>
              <option value="chat">Chat: a list of system/user/assistant messages</option>
            </Select>
          </Field>
          <Field label="Description" htmlFor="prompt-description">
            <Input id="prompt-description" maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <Field label="Tags" htmlFor="prompt-tags" hint="Comma separated.">
            <Input id="prompt-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="support, email" />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={isComponent} onChange={(e) => setIsComponent(e.target.checked)} disabled={type === "chat"} />
            Reusable component (others include it with <code className="font-mono text-xs">{"{{> slug}}"}</code>)
          </label>
          <Button type="submit" pending={action.pending}>
            Create prompt
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
