"use client";
import { useEffect, useState } from "react";
import { GitCommitHorizontal } from "lucide-react";
import { commitVersionAction, previewCommitAction } from "@/app/w/[slug]/prompts/actions";
import { PromptDiffEditor } from "@/components/editor";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/http/errors";
import { configToText, contentToText, type Snapshot } from "./serialize";

export function CommitDialog({
  ws,
  slug,
  base,
  next,
  open,
  onOpenChange,
  onCommitted,
  commit,
}: {
  ws: string;
  slug: string;
  base: Snapshot;
  next: { content: unknown; config: Record<string, unknown>; variables: string[] };
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onCommitted?: (version: number) => void;
  /** How to commit: by default the given content/config; the live draft commits the server's copy instead. */
  commit?: (message: string, semver?: string) => Promise<ActionResult<{ version: number; semver: string }>>;
}) {
  type Preview = { bump: string; reason: string; semver: string; variablesAdded: string[]; variablesRemoved: string[]; configChanged: string[] };
  const [summary, setSummary] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const [semver, setSemver] = useState("");
  const action = useServerAction();
  // The server computes the suggestion with the same code as the commit (components' variables included).
  const draftKey = JSON.stringify([next.content, next.config]);
  useEffect(() => {
    let live = true;
    const [content, config] = JSON.parse(draftKey);
    previewCommitAction(ws, { slug, content, config }).then((res) => {
      if (!live) return;
      if (res.ok) {
        setSummary(res.data);
        setSemver(res.data.semver);
      } else setPreviewError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [ws, slug, draftKey]);
  const suggested = summary?.semver ?? "";
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={`Commit v${base.number + 1}`} description={`Changes since v${base.number} (${base.semver}).`} className="max-w-4xl">
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            const chosen = !semver.trim() || semver === suggested ? undefined : semver.trim();
            action.run(() => (commit ? commit(message, chosen) : commitVersionAction(ws, { slug, content: next.content, config: next.config, message, semver: chosen })), {
              success: `Committed v${base.number + 1}`,
              onSuccess: (d) => {
                onOpenChange(false);
                onCommitted?.(d.version);
              },
            });
          }}
        >
          {action.error && <Alert>{action.error}</Alert>}
          {previewError && <Alert>{previewError}</Alert>}
          {!summary && !previewError && <div className="h-6 w-64 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" aria-label="Checking changes" />}
          {summary && (
          <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="commit-summary">
            <Badge tone={summary.bump === "major" ? "red" : summary.bump === "minor" ? "amber" : "neutral"}>{summary.bump}</Badge>
            <span className="text-zinc-600 dark:text-zinc-400">{summary.reason}</span>
            {summary.variablesAdded.map((v) => (
              <Badge key={`+${v}`} tone="green">
                +{v}
              </Badge>
            ))}
            {summary.variablesRemoved.map((v) => (
              <Badge key={`-${v}`} tone="red">
                −{v}
              </Badge>
            ))}
          </div>
          )}
          <PromptDiffEditor original={contentToText(base.content)} modified={contentToText(next.content)} originalLabel={`v${base.number}`} modifiedLabel="Draft" height={260} />
          {summary && summary.configChanged.length > 0 && (
            <PromptDiffEditor original={configToText(base.config)} modified={configToText(next.config)} originalLabel="Config" modifiedLabel="Draft config" height={160} language="json" />
          )}
          <div className="grid grid-cols-[1fr_10rem] gap-3">
            <Field label="Message" htmlFor="commit-message">
              <Input id="commit-message" required autoFocus maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="What changed and why" />
            </Field>
            <Field label="Version" htmlFor="commit-semver" hint={suggested ? `Suggested ${suggested} (${summary?.bump} change); you may bump higher.` : "Working out the suggested version…"}>
              <Input id="commit-semver" value={semver} placeholder={suggested || "…"} onChange={(e) => setSemver(e.target.value)} />
            </Field>
          </div>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={action.pending} disabled={!summary || summary.bump === "none" || !message.trim()}>
              <GitCommitHorizontal className="size-4" /> Commit version
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
