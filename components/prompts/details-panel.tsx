"use client";
import { useState } from "react";
import Link from "next/link";
import { archivePromptAction, updatePromptAction } from "@/app/w/[slug]/prompts/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";

type Usage = { uses: { raw: string; slug: string; label: string }[]; usedBy: { slug: string; version: number; label: string }[] };

export function DetailsPanel({
  ws,
  prompt,
  usage,
  canWrite,
}: {
  ws: string;
  prompt: { slug: string; type: string; description: string; tags: string[]; isComponent: boolean; archived: boolean; createdAt: string };
  usage: Usage;
  canWrite: boolean;
}) {
  const [description, setDescription] = useState(prompt.description);
  const [tags, setTags] = useState(prompt.tags.join(", "));
  const [isComponent, setIsComponent] = useState(prompt.isComponent);
  const save = useServerAction();
  const archive = useServerAction();
  const link = (slug: string) => `/w/${ws}/prompts/${slug}`;
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <Card>
        <CardHeader title="Uses" description="Components this prompt's latest version includes." />
        <CardBody data-testid="uses">
          {usage.uses.length === 0 ? (
            <p className="text-sm text-zinc-500">No components. Include one with {"{{> slug}}"} or {"{{> slug@production}}"}.</p>
          ) : (
            <ul className="grid gap-1 text-sm">
              {usage.uses.map((u) => (
                <li key={u.raw}>
                  <Link className="font-mono hover:underline" href={link(u.slug)}>
                    {u.slug}
                  </Link>{" "}
                  <span className="text-zinc-500">@{u.label}</span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Used by" description="Prompts whose latest version includes this one." />
        <CardBody data-testid="used-by">
          {usage.usedBy.length === 0 ? (
            <p className="text-sm text-zinc-500">{prompt.isComponent ? "Not included anywhere yet." : "Only components can be included by other prompts."}</p>
          ) : (
            <ul className="grid gap-1 text-sm">
              {usage.usedBy.map((u) => (
                <li key={u.slug}>
                  <Link className="font-mono hover:underline" href={link(u.slug)}>
                    {u.slug}
                  </Link>{" "}
                  <span className="text-zinc-500">
                    v{u.version}, follows @{u.label}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      <Card className="md:col-span-2">
        <CardHeader title="About this prompt" description={`Created ${prompt.createdAt.slice(0, 10)}. Changing these does not create a version.`} />
        <CardBody>
          <form
            className="grid max-w-xl gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              save.run(() => updatePromptAction(ws, { slug: prompt.slug, description, tags: tags.split(",").map((t) => t.trim()).filter(Boolean), isComponent }), { success: "Saved" });
            }}
          >
            {save.error && <Alert>{save.error}</Alert>}
            <Field label="Description" htmlFor="d-description">
              <Input id="d-description" value={description} maxLength={2000} disabled={!canWrite} onChange={(e) => setDescription(e.target.value)} />
            </Field>
            <Field label="Tags" htmlFor="d-tags" hint="Comma separated.">
              <Input id="d-tags" value={tags} disabled={!canWrite} onChange={(e) => setTags(e.target.value)} />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={isComponent} disabled={!canWrite || prompt.type === "chat"} onChange={(e) => setIsComponent(e.target.checked)} />
              Reusable component
            </label>
            {canWrite && (
              <div>
                <Button type="submit" pending={save.pending}>
                  Save
                </Button>
              </div>
            )}
          </form>
        </CardBody>
      </Card>
      {canWrite && (
        <Card className="border-red-200 md:col-span-2 dark:border-red-900/60">
          <CardHeader
            title={prompt.archived ? "Unarchive" : "Archive"}
            description={prompt.archived ? "Show it in the list again and allow commits." : "Hide it from the list and block commits. Versions and history are kept; serving keeps working."}
          />
          <CardBody>
            {archive.error && <Alert className="mb-3">{archive.error}</Alert>}
            <Button variant={prompt.archived ? "secondary" : "danger"} pending={archive.pending} onClick={() => archive.run(() => archivePromptAction(ws, prompt.slug, !prompt.archived), { success: prompt.archived ? "Unarchived" : "Archived" })}>
              {prompt.archived ? "Unarchive prompt" : "Archive prompt"}
            </Button>
          </CardBody>
        </Card>
      )}
    </div>
  );
}
