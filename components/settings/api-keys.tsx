"use client";
import { useState } from "react";
import { KeyRound, Plus } from "lucide-react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/w/[slug]/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { ApiKeyScope } from "@/lib/api-keys";
import { useServerAction } from "./use-action";

const SCOPE_HELP: Record<ApiKeyScope, string> = {
  "prompts:read": "Fetch and render prompts",
  "prompts:write": "Create prompts and commit versions",
  "labels:write": "Promote and roll back environments",
  "runs:write": "Run prompts against models",
  "generations:write": "Report production generations",
  admin: "Everything, including workspace administration",
};

export function CreateApiKeyDialog({ slug, scopes }: { slug: string; scopes: readonly ApiKeyScope[] }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<ApiKeyScope[]>(["prompts:read"]);
  const [created, setCreated] = useState<string | null>(null);
  const action = useServerAction();
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setCreated(null);
      setName("");
      setPicked(["prompts:read"]);
      action.setError(null);
    }
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="size-4" /> Create API key
        </Button>
      </DialogTrigger>
      <DialogContent title={created ? "Copy your new key" : "Create an API key"} description={created ? undefined : "Keys belong to this workspace and carry only the scopes you pick."}>
        {created ? (
          <div className="grid gap-4">
            <Alert tone="success">This is the only time the key is shown. Store it in your secret manager now.</Alert>
            <CopyField value={created} label="New API key" testId="new-api-key" />
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Done
            </Button>
          </div>
        ) : (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              action.run(() => createApiKeyAction(slug, { name, scopes: picked }), { onSuccess: (d) => setCreated(d.key) });
            }}
          >
            {action.error && <Alert>{action.error}</Alert>}
            <Field label="Name" htmlFor="key-name" hint="Where it is used, e.g. “checkout-service (prod)”.">
              <Input id="key-name" required autoFocus maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Scopes</legend>
              {scopes.map((s) => (
                <label key={s} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5"
                    checked={picked.includes(s)}
                    onChange={(e) => setPicked((p) => (e.target.checked ? [...p, s] : p.filter((x) => x !== s)))}
                  />
                  <span>
                    <code className="font-mono text-xs">{s}</code>
                    <span className="block text-xs text-zinc-500">{SCOPE_HELP[s]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <Button type="submit" pending={action.pending} disabled={picked.length === 0}>
              Create key
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

type Key = { id: string; name: string; prefix: string; scopes: ApiKeyScope[]; createdAt: string; lastUsedAt: string | null; createdBy: string | null };

export function ApiKeysTable({ slug, keys }: { slug: string; keys: Key[] }) {
  const action = useServerAction();
  if (keys.length === 0) {
    return (
      <EmptyState icon={KeyRound} title="No API keys yet">
        Create a key for each application or CI job that fetches prompts or reports generations, with “Create API key” above.
      </EmptyState>
    );
  }
  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Scopes</Th>
          <Th className="w-28">Created</Th>
          <Th className="w-28">Last used</Th>
          <Th className="w-24" />
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id} data-testid={`api-key-${k.name}`}>
            <Td>
              <div className="font-medium text-zinc-900 dark:text-zinc-100">{k.name}</div>
              <div className="font-mono text-xs text-zinc-500">{k.prefix}…</div>
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {k.scopes.map((s) => (
                  <Badge key={s} tone={s === "admin" ? "red" : "neutral"}>
                    {s}
                  </Badge>
                ))}
              </div>
            </Td>
            <Td className="text-xs text-zinc-500" title={k.createdBy ? `by ${k.createdBy}` : undefined}>
              {k.createdAt.slice(0, 10)}
            </Td>
            <Td className="text-xs text-zinc-500">{k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</Td>
            <Td className="text-right">
              <Button
                variant="danger-ghost"
                size="sm"
                disabled={action.pending}
                onClick={() => {
                  if (confirm(`Revoke “${k.name}”? Applications using it stop working immediately.`)) action.run(() => revokeApiKeyAction(slug, k.id), { success: "Key revoked" });
                }}
              >
                Revoke
              </Button>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
