"use client";
import { useActionState, useState } from "react";
import { createWorkspaceAction } from "@/app/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/http/errors";

function slugify(name: string) {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
}

export function CreateWorkspaceForm() {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(createWorkspaceAction, null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  return (
    <form action={action} className="grid gap-4">
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      <Field label="Workspace name" htmlFor="name" hint="Usually your team or product, e.g. “Acme Support”.">
        <Input
          id="name"
          name="name"
          required
          autoFocus
          maxLength={80}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
        />
      </Field>
      <Field label="Workspace URL" htmlFor="slug" hint="Lowercase letters, digits and dashes.">
        <div className="flex items-center rounded-md border border-zinc-200 bg-zinc-50 pl-3 text-sm text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">
          /w/
          <Input
            id="slug"
            name="slug"
            className="rounded-l-none border-0 border-l"
            maxLength={40}
            pattern="[a-z0-9](?:[a-z0-9\-]{0,38}[a-z0-9])?"
            value={slug}
            onChange={(e) => {
              setSlugTouched(true);
              setSlug(e.target.value.toLowerCase());
            }}
          />
        </div>
      </Field>
      <Button type="submit" pending={pending}>
        Create workspace
      </Button>
    </form>
  );
}
