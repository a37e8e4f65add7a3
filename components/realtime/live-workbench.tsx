"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Eye, GitCommitHorizontal, Loader2, RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { commitDraftAction, resetDraftAction } from "@/app/w/[slug]/prompts/actions";
import { PromptDiffEditor } from "@/components/editor";
import { CommitDialog } from "@/components/prompts/commit-dialog";
import { ConfigForm, type ConfigDraft } from "@/components/prompts/config-form";
import { configToText, contentToText, type Snapshot } from "@/components/prompts/serialize";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { canonicalJson } from "@/lib/prompts/pure/canonical-json";
import { scanForSecrets } from "@/lib/prompts/pure/scan-secrets";
import { draftParts, readDraft } from "@/lib/realtime/draft-model";
import { extractFromContent } from "@/lib/templates";
import { CollabChatEditor } from "./collab-chat-editor";
import { CollabTextEditor } from "./collab-text-editor";
import { ConnectionBadge, PresenceAvatars, RemoteCursorStyles } from "./presence";
import { useCollaboration } from "./use-collaboration";

const s = (v: unknown) => (v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v));

/** The co-edited draft: everyone on the page edits the same Yjs document; "Commit version" snapshots it. */
export function LiveWorkbench({ ws, slug, promptId, type, base, user }: { ws: string; slug: string; promptId: string; type: "text" | "chat"; base: Snapshot; user: { id: string; name: string } }) {
  const router = useRouter();
  const collab = useCollaboration({ workspace: ws, promptId, user });
  const { doc, provider, role, synced } = collab;
  const parts = useMemo(() => (doc ? draftParts(doc) : null), [doc]);
  const readOnly = role !== null && !["owner", "admin", "editor"].includes(role);
  const canReset = role === "owner" || role === "admin";
  const [resetting, setResetting] = useState(false);
  const reset = async () => {
    if (!window.confirm(`Reset the live draft to v${base.number} for everyone? Unsaved edits in the draft are discarded.`)) return;
    setResetting(true);
    const res = await resetDraftAction(ws, { slug, version: base.number });
    setResetting(false);
    if (res.ok) toast.success(`Draft reset to v${base.number}`);
    else toast.error(res.error.message);
  };

  // The whole draft as JSON, re-read on every change (drafts are small).
  const [snapshot, setSnapshot] = useState(() => (doc ? readDraft(doc) : null));
  useEffect(() => {
    if (!doc) return;
    const on = () => setSnapshot(readDraft(doc));
    on();
    doc.on("update", on);
    return () => doc.off("update", on);
  }, [doc]);

  // Someone committed: the draft's base moves for everyone; fetch the new version list.
  const lastBase = useRef<number | null>(null);
  useEffect(() => {
    if (!snapshot || !synced) return;
    if (lastBase.current !== null && snapshot.baseVersion !== lastBase.current) {
      toast.success(`Draft is now based on v${snapshot.baseVersion}`);
      router.refresh();
    }
    lastBase.current = snapshot.baseVersion;
  }, [snapshot, synced, router]);

  const [showDiff, setShowDiff] = useState(false);
  const [committing, setCommitting] = useState(false);

  if (collab.error) return <Alert>{collab.error}</Alert>;
  if (!doc || !provider || !parts || !synced || !snapshot) {
    return (
      <div className="flex h-64 items-center justify-center gap-2 rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700" aria-busy="true">
        <Loader2 className="size-4 animate-spin" /> Opening the live draft…
      </div>
    );
  }

  const detected = (() => {
    try {
      return { ...extractFromContent(snapshot.content as never), error: null as string | null };
    } catch (e) {
      return { variables: [] as string[], includes: [] as { raw: string }[], error: e instanceof Error ? e.message : String(e) };
    }
  })();
  const dirty = canonicalJson(snapshot.content) !== canonicalJson(base.content) || canonicalJson(snapshot.config) !== canonicalJson(base.config);
  // The same scan the commit runs, on the live draft: everyone in the editor sees a pasted key before anyone commits.
  const secrets = (() => {
    try {
      return scanForSecrets(snapshot.content as never, snapshot.config);
    } catch {
      return [];
    }
  })();
  const behind = snapshot.baseVersion < base.number;
  const config = parts.config;
  const configDraft: ConfigDraft = {
    model: s(config.get("model")),
    temperature: s(config.get("temperature")),
    maxTokens: s(config.get("maxTokens")),
    topP: s(config.get("topP")),
    stop: s(config.get("stop")),
    responseSchema: s(config.get("responseSchema")),
  };
  const setConfig = (next: ConfigDraft) =>
    doc.transact(() => {
      for (const key of ["model", "temperature", "maxTokens", "topP", "responseSchema"] as const) {
        if (next[key] === configDraft[key]) continue;
        if (next[key] === "") config.delete(key);
        else config.set(key, next[key]);
      }
      if (next.stop !== configDraft.stop) {
        const stop = next.stop.split(",").map((x) => x.trim()).filter(Boolean);
        if (stop.length) config.set("stop", stop);
        else config.delete("stop");
      }
    });

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <RemoteCursorStyles peers={collab.peers} />
      <div className="grid min-w-0 content-start gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2 text-sm text-zinc-500">
            <ConnectionBadge status={collab.status} />
            <span data-testid="draft-base">
              Draft on <Badge>v{snapshot.baseVersion}</Badge> <span className="font-mono text-xs">{snapshot.baseSemver}</span>
            </span>
            {dirty ? <Badge tone="amber">changes since v{base.number}</Badge> : <Badge tone="green">same as v{base.number}</Badge>}
          </div>
          <div className="flex items-center gap-2">
            <PresenceAvatars peers={collab.peers} />
            <Button variant="secondary" size="sm" onClick={() => setShowDiff((v) => !v)} disabled={!dirty}>
              <Eye className="size-3.5" /> {showDiff ? "Hide changes" : "View changes"}
            </Button>
            {canReset && (dirty || snapshot.problems?.length) && (
              <Button variant="secondary" size="sm" onClick={reset} disabled={resetting} title="Admins and owners: replace the draft with the base version for everyone">
                <RotateCcw className="size-3.5" /> Reset to v{base.number}
              </Button>
            )}
            {!readOnly && (
              <Button
                size="sm"
                disabled={!dirty || Boolean(detected.error) || Boolean(snapshot.problems?.length) || secrets.length > 0}
                title={secrets.length ? "Remove the secret from the draft first: commits refuse credentials." : undefined}
                onClick={() => setCommitting(true)}
              >
                <GitCommitHorizontal className="size-4" /> Commit version
              </Button>
            )}
          </div>
        </div>
        {readOnly && (
          <Alert tone="info">
            <span data-testid="read-only-notice">Read-only: you are a {role}. You can follow the draft as others edit it (they see your cursor); editors and above change and commit it.</span>
          </Alert>
        )}
        {secrets.length > 0 && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200" data-testid="secret-warning">
            <strong className="font-semibold">This draft contains what looks like a secret</strong>:{" "}
            {secrets
              .slice(0, 5)
              .map((f) => `${f.kind} in ${f.where}`)
              .join(", ")}
            {secrets.length > 5 ? `, and ${secrets.length - 5} more` : ""}. Everyone editing sees this warning, and the commit will refuse until it is removed. Pass credentials as variables at run
            time instead.
          </div>
        )}
        {behind && <Alert>v{base.number} was committed outside this draft. Committing the draft creates a new version from the draft&apos;s content.</Alert>}
        {(detected.error || snapshot.problems?.length) && <Alert>{detected.error ?? snapshot.problems!.join(" ")}</Alert>}
        {showDiff && dirty && (
          <div className="grid gap-2">
            <PromptDiffEditor original={contentToText(base.content)} modified={contentToText(snapshot.content)} originalLabel={`v${base.number}`} modifiedLabel="Live draft" height={240} />
            {canonicalJson(snapshot.config) !== canonicalJson(base.config) && (
              <PromptDiffEditor original={configToText(base.config)} modified={configToText(snapshot.config)} originalLabel={`v${base.number} config`} modifiedLabel="Draft config" height={160} language="json" />
            )}
          </div>
        )}
        {type === "text" ? (
          <CollabTextEditor ytext={parts.content} awareness={provider.awareness} readOnly={readOnly} height={420} ariaLabel="Prompt template" />
        ) : (
          <CollabChatEditor messages={parts.messages} awareness={provider.awareness} readOnly={readOnly} />
        )}
      </div>
      <div className="grid content-start gap-4">
        <Card>
          <CardHeader title="Variables" description="Detected from the draft; filled in at run time." />
          <CardBody className="flex flex-wrap gap-1.5" data-testid="detected-variables">
            {detected.variables.length === 0 ? <span className="text-sm text-zinc-500">None yet. Write {"{{name}}"} to add one.</span> : detected.variables.map((v) => <Badge key={v} tone="blue">{v}</Badge>)}
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Model configuration" description="Shared with everyone editing." />
          <CardBody>
            <ConfigForm value={configDraft} onChange={setConfig} readOnly={readOnly} />
          </CardBody>
        </Card>
      </div>
      {committing && (
        <CommitDialog
          ws={ws}
          slug={slug}
          base={base}
          next={{ content: snapshot.content, config: snapshot.config as Record<string, unknown>, variables: detected.variables }}
          open={committing}
          onOpenChange={setCommitting}
          commit={(message, semver) => commitDraftAction(ws, { slug, message, semver })}
        />
      )}
    </div>
  );
}
