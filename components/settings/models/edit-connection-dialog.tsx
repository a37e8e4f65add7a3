"use client";
import { useState } from "react";
import { updateConnectionAction } from "@/app/w/[slug]/settings/models/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import type { UpdateProviderInput } from "@/lib/providers";
import { useServerAction } from "../use-action";
import { defaultBaseUrl, shortKindLabel, type ConnectionRow } from "./types";

export function EditConnectionDialog({ slug, connection: c }: { slug: string; connection: ConnectionRow }) {
  const [open, setOpen] = useState(false);
  const [baseUrl, setBaseUrl] = useState(c.baseUrl ?? "");
  const [apiKey, setApiKey] = useState("");
  const [removeKey, setRemoveKey] = useState(false);
  const action = useServerAction();

  const compatible = c.kind === "openai-compatible";
  const fallback = defaultBaseUrl(c.kind);
  const urlChanged = baseUrl.trim().replace(/\/+$/, "") !== (c.baseUrl ?? "");
  const keyEntered = apiKey.trim() !== "";
  // The server refuses this too; saying it up front saves a round trip.
  const needsKeyAgain = urlChanged && c.hasApiKey && !keyEntered;
  const keyError = action.error !== null && /API key|apiKey/.test(action.error);
  const changed = urlChanged || keyEntered || removeKey;

  function onOpenChange(next: boolean) {
    // Start from the saved values on open: the props are fresh by then (the refresh after a save lands later).
    if (next) {
      setBaseUrl(c.baseUrl ?? "");
      setApiKey("");
      setRemoveKey(false);
      action.setError(null);
    }
    setOpen(next);
  }
  function submit() {
    const input: UpdateProviderInput = { name: c.name };
    if (urlChanged) input.baseUrl = baseUrl.trim() || null;
    if (keyEntered) input.apiKey = apiKey.trim();
    else if (removeKey) input.apiKey = null;
    action.run(() => updateConnectionAction(slug, input), { success: `Connection ${c.name} updated`, onSuccess: () => onOpenChange(false) });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent title={`Edit ${c.name}`} description={`${shortKindLabel(c.kind)} connection. Its name is part of model ids (${c.name}/…), so it stays as it is.`} className="max-w-lg">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field label="Base URL" htmlFor={`edit-${c.id}-base-url`} hint={fallback ? `Leave empty for ${fallback}.` : "Required for an OpenAI-compatible server, usually ending in /v1."}>
            <Input
              id={`edit-${c.id}-base-url`}
              inputMode="url"
              required={compatible}
              maxLength={500}
              autoComplete="off"
              spellCheck={false}
              className="font-mono text-xs"
              placeholder={fallback ?? "http://localhost:11434/v1"}
              aria-invalid={(action.error !== null && /^Base URL|baseUrl/.test(action.error)) || undefined}
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          </Field>
          <Field
            label="API key"
            htmlFor={`edit-${c.id}-api-key`}
            hint={
              needsKeyAgain && !keyError ? (
                <span className="text-amber-700 dark:text-amber-400">Changing the base URL needs the API key entered again: a stored key is never sent to a new address.</span>
              ) : c.hasApiKey ? (
                `Current key ${c.apiKeyHint}. Leave empty to keep it.`
              ) : (
                "No key stored. Enter one if the server needs it."
              )
            }
          >
            <Input
              id={`edit-${c.id}-api-key`}
              type="password"
              maxLength={1000}
              autoComplete="new-password"
              spellCheck={false}
              placeholder={c.hasApiKey ? "Enter a new key to replace it" : ""}
              disabled={removeKey}
              aria-invalid={needsKeyAgain || keyError || undefined}
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          </Field>
          {compatible && c.hasApiKey && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} disabled={keyEntered} />
              Remove the stored key
            </label>
          )}
          {action.error && <Alert>{action.error}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={action.pending} disabled={!changed}>
              Save changes
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
