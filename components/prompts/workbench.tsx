"use client";
import { useMemo, useState } from "react";
import { GitCommitHorizontal, RotateCcw } from "lucide-react";
import { ChatMessagesEditor, PromptEditor } from "@/components/editor";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { canonicalJson } from "@/lib/hash/pure";
import { extractFromContent } from "@/lib/templates";
import { CommitDialog } from "./commit-dialog";
import { ConfigForm, configToDraft, draftToConfig } from "./config-form";
import type { Snapshot } from "./serialize";

type Message = { role: "system" | "user" | "assistant"; content: string };

/** The prompt editor: content and config, live variables, and "Commit version" with the diff against the base. */
export function PromptWorkbench({ ws, slug, type, base, readOnly, readOnlyReason }: { ws: string; slug: string; type: "text" | "chat"; base: Snapshot; readOnly: boolean; readOnlyReason: string }) {
  const [content, setContent] = useState<string | Message[]>(base.content as string | Message[]);
  const [config, setConfig] = useState(() => configToDraft(base.config as Record<string, unknown>));
  const [committing, setCommitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const detected = useMemo(() => {
    try {
      return { ...extractFromContent(content), error: null as string | null };
    } catch (e) {
      return { variables: [] as string[], includes: [] as { raw: string }[], error: e instanceof Error ? e.message : String(e) };
    }
  }, [content]);
  const parsed = draftToConfig(config);
  // Canonical comparison: jsonb does not keep key order.
  const dirty = canonicalJson(content) !== canonicalJson(base.content) || !("config" in parsed) || canonicalJson(parsed.config) !== canonicalJson(base.config);

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <div className="grid min-w-0 content-start gap-3">
        {readOnly && <Alert tone="info">{readOnlyReason}</Alert>}
        <div className="flex items-center justify-between gap-2">
          <div className="text-sm text-zinc-500">
            Editing from <Badge>v{base.number}</Badge> <span className="font-mono text-xs">{base.semver}</span> {dirty && <Badge tone="amber">unsaved changes</Badge>}
          </div>
          {!readOnly && (
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                disabled={!dirty}
                onClick={() => {
                  setContent(base.content as string | Message[]);
                  setConfig(configToDraft(base.config as Record<string, unknown>));
                }}
              >
                <RotateCcw className="size-3.5" /> Discard
              </Button>
              <Button
                size="sm"
                disabled={!dirty || Boolean(detected.error)}
                onClick={() => {
                  if ("error" in parsed) return setError(parsed.error);
                  setError(null);
                  setCommitting(true);
                }}
              >
                <GitCommitHorizontal className="size-4" /> Commit version
              </Button>
            </div>
          )}
        </div>
        {(error || detected.error) && <Alert>{error ?? detected.error}</Alert>}
        {type === "text" ? (
          <PromptEditor value={content as string} onChange={setContent} readOnly={readOnly} height={420} ariaLabel="Prompt template" />
        ) : (
          <ChatMessagesEditor value={content as Message[]} onChange={setContent} readOnly={readOnly} />
        )}
      </div>
      <div className="grid content-start gap-4">
        <Card>
          <CardHeader title="Variables" description="Detected from the template; filled in at run time." />
          <CardBody className="flex flex-wrap gap-1.5" data-testid="detected-variables">
            {detected.variables.length === 0 ? <span className="text-sm text-zinc-500">None yet. Write {"{{name}}"} to add one.</span> : detected.variables.map((v) => <Badge key={v} tone="blue">{v}</Badge>)}
          </CardBody>
          {detected.includes.length > 0 && (
            <CardBody className="border-t border-zinc-200 text-sm dark:border-zinc-800">
              <div className="mb-1 text-xs font-medium text-zinc-500">Components</div>
              {detected.includes.map((i) => (
                <code key={i.raw} className="mr-2 font-mono text-xs">
                  {i.raw}
                </code>
              ))}
            </CardBody>
          )}
        </Card>
        <Card>
          <CardHeader title="Model configuration" />
          <CardBody>
            <ConfigForm value={config} onChange={setConfig} readOnly={readOnly} />
          </CardBody>
        </Card>
      </div>
      {committing && "config" in parsed && (
        <CommitDialog ws={ws} slug={slug} base={base} next={{ content, config: parsed.config, variables: detected.variables }} open={committing} onOpenChange={setCommitting} />
      )}
    </div>
  );
}
