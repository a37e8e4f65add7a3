"use client";
import { useState } from "react";
import { Plus } from "lucide-react";
import { createConnectionAction } from "@/app/w/[slug]/settings/models/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/input";
import { CONNECTION_NAME_RE, DEFAULT_BASE_URLS, KEY_REQUIRED, PROVIDER_KIND_LABELS, PROVIDER_KINDS, PROVIDER_PRESETS, type ProviderKind } from "@/lib/providers/presets";
import { useServerAction } from "../use-action";
import { TestResult, useConnectionTest } from "./test-result";

/** The field a server message is about, so it can be marked invalid beside the alert. */
function blame(message: string | null): "name" | "baseUrl" | "apiKey" | null {
  if (!message) return null;
  if (/^Base URL|baseUrl/.test(message)) return "baseUrl";
  if (/^name|connection named/.test(message)) return "name";
  if (/apiKey|API key/.test(message)) return "apiKey";
  return null;
}

export function AddConnectionDialog({ slug }: { slug: string }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ProviderKind>("openai");
  const [name, setName] = useState("openai");
  const [nameTouched, setNameTouched] = useState(false);
  const [baseUrl, setBaseUrl] = useState("");
  const [apiKey, setApiKey] = useState("");
  const save = useServerAction();
  const test = useConnectionTest(slug);

  const compatible = kind === "openai-compatible";
  const nameInvalid = name !== "" && !CONNECTION_NAME_RE.test(name);
  const bad = blame(save.error);
  const input = { kind, name: name.trim(), baseUrl: baseUrl.trim() || null, apiKey: apiKey.trim() || null };

  function reset() {
    setKind("openai");
    setName("openai");
    setNameTouched(false);
    setBaseUrl("");
    setApiKey("");
    save.setError(null);
    test.setResult(null);
  }
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) reset();
  }
  /** Any edit makes an earlier test result or save error stale. */
  function edited<T>(set: (v: T) => void) {
    return (v: T) => {
      set(v);
      test.setResult(null);
      save.setError(null);
    };
  }
  function pickKind(next: ProviderKind) {
    setKind(next);
    setBaseUrl("");
    if (!nameTouched) setName(next === "openai-compatible" ? "" : next);
    test.setResult(null);
    save.setError(null);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="size-4" /> Add connection
        </Button>
      </DialogTrigger>
      <DialogContent title="Add a connection" description="A hosted provider with your key, or a local OpenAI-compatible server." className="max-w-lg">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            test.setResult(null); // one message at a time: the save's outcome replaces an earlier test's
            save.run(() => createConnectionAction(slug, input), {
              success: `Connection ${input.name} added`,
              onSuccess: () => onOpenChange(false),
            });
          }}
        >
          <Field label="Kind" htmlFor="conn-kind">
            <Select id="conn-kind" value={kind} onChange={(e) => pickKind(e.target.value as ProviderKind)}>
              {PROVIDER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {PROVIDER_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </Field>
          {compatible && (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Presets">
              <span className="text-xs text-zinc-500">Presets:</span>
              {PROVIDER_PRESETS.map((p) => (
                <Button
                  key={p.id}
                  type="button"
                  size="sm"
                  variant={baseUrl === p.baseUrl ? "primary" : "secondary"}
                  title={p.baseUrl}
                  onClick={() => {
                    setBaseUrl(p.baseUrl);
                    if (!nameTouched || name === "") setName(p.name);
                    test.setResult(null);
                  }}
                >
                  {p.label}
                </Button>
              ))}
            </div>
          )}
          <Field
            label="Name"
            htmlFor="conn-name"
            hint={
              nameInvalid ? (
                <span className="text-red-600 dark:text-red-400">Lower-case letters, digits, - and _, starting with a letter or digit (at most 40).</span>
              ) : (
                <>
                  Prefixes model ids: <code className="font-mono">{name || "ollama"}/{compatible ? "llama3.1" : kind === "anthropic" ? "claude-sonnet-4" : kind === "google" ? "gemini-2.5-flash" : "gpt-4o-mini"}</code>
                </>
              )
            }
          >
            <Input
              id="conn-name"
              required
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder={compatible ? "ollama" : kind}
              aria-invalid={nameInvalid || bad === "name" || undefined}
              value={name}
              onChange={(e) => {
                setNameTouched(true);
                edited(setName)(e.target.value.toLowerCase());
              }}
            />
          </Field>
          <Field
            label="Base URL"
            htmlFor="conn-base-url"
            hint={
              compatible
                ? "The server's OpenAI-style API, usually ending in /v1. localhost always works; private network addresses need “Allow private network endpoints”."
                : `Optional: leave empty for ${DEFAULT_BASE_URLS[kind]}; set it for a proxy or gateway.`
            }
          >
            <Input
              id="conn-base-url"
              inputMode="url"
              required={compatible}
              maxLength={500}
              autoComplete="off"
              spellCheck={false}
              className="font-mono text-xs"
              placeholder={compatible ? "http://localhost:11434/v1" : DEFAULT_BASE_URLS[kind]}
              aria-invalid={bad === "baseUrl" || undefined}
              value={baseUrl}
              onChange={(e) => edited(setBaseUrl)(e.target.value)}
            />
          </Field>
          <Field
            label="API key"
            htmlFor="conn-api-key"
            hint={KEY_REQUIRED[kind] ? "Stored encrypted. After saving, only its last 4 characters are shown." : "Optional: most local servers need none. Stored encrypted; only its last 4 characters are shown."}
          >
            <Input
              id="conn-api-key"
              type="password"
              required={KEY_REQUIRED[kind]}
              maxLength={1000}
              autoComplete="new-password"
              spellCheck={false}
              aria-invalid={bad === "apiKey" || undefined}
              value={apiKey}
              onChange={(e) => edited(setApiKey)(e.target.value)}
            />
          </Field>
          {test.result && <TestResult result={test.result} detailed className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800" />}
          {save.error && <Alert>{save.error}</Alert>}
          <div className="flex items-center justify-between gap-2">
            <Button type="button" variant="secondary" pending={test.pending} disabled={save.pending} onClick={() => {
                save.setError(null);
                test.run(input);
              }} title="Test before saving: lists the server's models, no tokens spent">
              Test
            </Button>
            <Button type="submit" pending={save.pending} disabled={nameInvalid}>
              Save connection
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
