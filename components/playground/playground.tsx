"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { GitCompare, Link2, Play, Plus } from "lucide-react";
import { toast } from "sonner";
import { previewRunAction, rateRunAction, savePlaygroundAction } from "@/app/w/[slug]/playground/actions";
import { PromptDiffEditor, type ChatMessage } from "@/components/editor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { extractFromContent, extractSections } from "@/lib/templates";
import { PlaygroundColumn, sourceKey, type ColumnState, type ConnectionOption, type Preview, type Source, type SourceOption } from "./column";
import { FreeformTemplateCard, SaveAsPromptDialog } from "./freeform-template-card";
import { streamRun, type RunView } from "./run-stream";
import { VariablesForm } from "./variables-form";

type Version = { number: number; semver: string; variables: string[]; sections: string[] };
export type PlaygroundProps = {
  ws: string;
  /** null: the free-form playground (a template written here, no saved prompt). */
  prompt: { slug: string; type: "text" | "chat" } | null;
  /** Editors+ may save a free-form template as a new prompt. */
  canSavePrompt?: boolean;
  versions: Version[];
  labels: Record<string, number | null>;
  draftVariables: string[];
  /** Variables the draft and versions open as sections: they take JSON (a list, an object or a flag). */
  draftSections: string[];
  connections: ConnectionOption[];
  /** The prompt's configured model on a connection that serves it ("connection/model"), when there is one. */
  configuredModel: string | null;
  /** The prompt's configured model id as written in its config. */
  configured: string | null;
  initial: { columns: (Omit<ColumnState, "result"> & { runId?: string })[]; variables: Record<string, string> };
  /** Each column's last run, by column id: outputs survive a reload. */
  results: Record<string, RunView & { verdict: "up" | "down" | null }>;
  sessionId: string | null;
  canRun: boolean;
  canRate: boolean;
  pricesHref: string | null;
  notice?: string;
};

const newId = () => Math.random().toString(36).slice(2, 10);

/** Side-by-side runs: 1-6 columns, each a prompt version (or label, or the live draft) on a model. */
export function Playground(props: PlaygroundProps) {
  const { ws, prompt, versions, labels } = props;
  const [ffType, setFfType] = useState<"text" | "chat">("text");
  const [ffText, setFfText] = useState("Summarize {{topic}} in one sentence.");
  const [ffMessages, setFfMessages] = useState<ChatMessage[]>([
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "{{question}}" },
  ]);
  const ffContent = ffType === "text" ? ffText : ffMessages;
  const ffScan = useMemo(() => {
    try {
      return { variables: extractFromContent(ffContent).variables, sections: extractSections(ffContent), error: null };
    } catch (e) {
      return { variables: [], sections: [], error: e instanceof Error ? e.message : "The template does not parse." };
    }
  }, [ffContent]);
  const [columns, setColumns] = useState<ColumnState[]>(() =>
    props.initial.columns.map(({ runId: _r, ...c }) => {
      const run = props.results[c.id];
      return run ? { ...c, result: { status: run.status === "success" ? ("done" as const) : ("error" as const), text: run.output ?? "", run, error: run.error ?? undefined, verdict: run.verdict } } : c;
    }),
  );
  const [variables, setVariables] = useState<Record<string, string>>(props.initial.variables);
  const [sessionId, setSessionId] = useState(props.sessionId);
  const [compare, setCompare] = useState<string[]>([]);
  const [diffOpen, setDiffOpen] = useState(false);
  const controllers = useRef(new Map<string, AbortController>());

  const byNumber = useMemo(() => new Map(versions.map((v) => [v.number, v])), [versions]);
  const sources: SourceOption[] = useMemo(
    () =>
      prompt === null
        ? [{ value: "freeform", label: "Free-form template", source: { kind: "freeform" } }]
        : [
      { value: "draft", label: "Live draft", source: { kind: "draft" } },
      ...Object.entries(labels).map(([label, n]) => ({ value: `l:${label}`, label: `${label} ${n ? `(v${n})` : "(not set)"}`, source: { kind: "label" as const, label } })),
      ...versions.map((v) => ({ value: `v:${v.number}`, label: `v${v.number} · ${v.semver}`, source: { kind: "version" as const, version: v.number } })),
    ],
    [labels, versions],
  );
  const variablesOf = useCallback(
    (s: Source): string[] => (s.kind === "freeform" ? ffScan.variables : s.kind === "draft" ? props.draftVariables : (byNumber.get(s.kind === "version" ? s.version : (labels[s.label] ?? -1))?.variables ?? [])),
    [byNumber, labels, props.draftVariables, ffScan.variables],
  );
  const sectionsOf = useCallback(
    (s: Source): string[] => (s.kind === "freeform" ? ffScan.sections : s.kind === "draft" ? props.draftSections : (byNumber.get(s.kind === "version" ? s.version : (labels[s.label] ?? -1))?.sections ?? [])),
    [byNumber, labels, props.draftSections, ffScan.sections],
  );
  const fields = useMemo(() => [...new Set(columns.flatMap((c) => variablesOf(c.source)))].sort(), [columns, variablesOf]);
  const structured = useMemo(() => new Set(columns.flatMap((c) => sectionsOf(c.source))), [columns, sectionsOf]);
  /** A JSON variable's problem (missing or malformed), or null; plain text variables are always sendable. */
  const jsonProblem = useCallback(
    (name: string): string | null => {
      if (!structured.has(name)) return null;
      const text = (variables[name] ?? "").trim();
      if (!text) return `{{${name}}} needs a JSON value: a list like ["a", "b"], an object, or true/false.`;
      try {
        JSON.parse(text);
        return null;
      } catch (e) {
        return `{{${name}}} is not valid JSON: ${e instanceof Error ? e.message : "parse error"}.`;
      }
    },
    [structured, variables],
  );
  const connectionNames = useMemo(() => new Set(props.connections.map((c) => c.name)), [props.connections]);
  /** Why a column cannot run yet, in words, or null: a disabled Run button always says what is missing. */
  const problemOf = useCallback(
    (c: ColumnState): string | null => {
      if (c.source.kind === "freeform" && ffScan.error) return `The template does not parse: ${ffScan.error}`;
      if (props.connections.length === 0) return "No model connections yet: an admin adds one in Settings → Models.";
      if (!c.model) return "Choose a model for this column.";
      const slash = c.model.indexOf("/");
      if (slash <= 0) return "Write the model as connection/model, e.g. " + (props.configuredModel ?? `${props.connections[0]!.name}/model-id`) + ".";
      if (!connectionNames.has(c.model.slice(0, slash))) return `No connection named "${c.model.slice(0, slash)}": pick a model from the list.`;
      for (const v of variablesOf(c.source)) {
        const p = jsonProblem(v);
        if (p) return p;
      }
      return null;
    },
    [props.connections, props.configuredModel, connectionNames, variablesOf, jsonProblem, ffScan.error],
  );

  // Save columns and variables (not outputs) a moment after they change; the saved session is shareable.
  const saveKey = JSON.stringify({ columns: columns.map(({ result, ...c }) => (result?.run?.id && result.status !== "running" ? { ...c, runId: result.run.id } : c)), variables });
  useEffect(() => {
    // Sessions belong to a prompt; a free-form playground lives in the page until it is saved as a prompt.
    if (!props.canRun || !prompt) return;
    const t = setTimeout(() => {
      savePlaygroundAction(ws, prompt.slug, JSON.parse(saveKey)).then((res) => res.ok && setSessionId(res.data.id));
    }, 800);
    return () => clearTimeout(t);
  }, [saveKey, ws, prompt, props.canRun]);

  const update = (id: string, fn: (c: ColumnState) => ColumnState) => setColumns((cs) => cs.map((c) => (c.id === id ? fn(c) : c)));

  /** The variables a column's source takes, parsed (JSON ones) from the shared form. */
  const varsFor = useCallback(
    (s: Source) =>
      Object.fromEntries(
        variablesOf(s).map((k) => {
          if (!structured.has(k)) return [k, variables[k] ?? ""];
          try {
            return [k, JSON.parse(variables[k] ?? "null")];
          } catch {
            return [k, null];
          }
        }),
      ),
    [variables, variablesOf, structured],
  );
  const wireSource = useCallback((s: Source) => (s.kind === "freeform" ? { kind: "freeform" as const, type: ffType, content: ffContent } : s), [ffType, ffContent]);
  const previewColumn = async (column: ColumnState): Promise<Preview> => {
    // An unfilled variable is left out, so the preview names it (a run would render it as nothing).
    const filled = Object.fromEntries(Object.entries(varsFor(column.source)).filter(([, v]) => v !== ""));
    const res = await previewRunAction(ws, { prompt: prompt?.slug ?? null, source: wireSource(column.source), variables: filled });
    return res.ok ? { ok: true, messages: res.data } : { ok: false, message: res.error.message };
  };
  const [saveOpen, setSaveOpen] = useState(false);

  const runColumn = useCallback(
    (column: ColumnState, runGroupId?: string) => {
      controllers.current.get(column.id)?.abort();
      const ac = new AbortController();
      controllers.current.set(column.id, ac);
      update(column.id, (c) => ({ ...c, result: { status: "running", text: "" } }));
      const vars = varsFor(column.source);
      void streamRun(
        { workspace: ws, prompt: prompt?.slug, source: wireSource(column.source), model: column.model, variables: vars, params: column.params, runGroupId },
        {
          onDelta: (text) => update(column.id, (c) => ({ ...c, result: { ...c.result!, text: (c.result?.text ?? "") + text } })),
          onDone: (run) => update(column.id, (c) => ({ ...c, result: { status: "done", text: run.output ?? c.result?.text ?? "", run } })),
          onError: (message, run) => update(column.id, (c) => ({ ...c, result: { status: "error", text: c.result?.text ?? "", error: message, run } })),
        },
        ac.signal,
      );
    },
    [varsFor, wireSource, ws, prompt],
  );
  const blocking = columns.map(problemOf).find((p) => p !== null) ?? null;
  const runAll = useCallback(() => {
    if (blocking) return toast.error(blocking);
    const group = crypto.randomUUID();
    columns.forEach((c) => runColumn(c, group));
  }, [columns, runColumn, blocking]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key === "Enter" && props.canRun) {
        e.preventDefault();
        runAll();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [runAll, props.canRun]);

  const rate = async (column: ColumnState, verdict: "up" | "down" | null) => {
    const id = column.result?.run?.id;
    if (!id) return;
    update(column.id, (c) => ({ ...c, result: { ...c.result!, verdict } }));
    const res = await rateRunAction(ws, id, verdict);
    if (!res.ok) {
      toast.error(res.error.message);
      update(column.id, (c) => ({ ...c, result: { ...c.result!, verdict: null } }));
    }
  };

  const shareUrl = sessionId && prompt ? `${typeof location === "undefined" ? "" : location.origin}/w/${ws}/playground?prompt=${encodeURIComponent(prompt.slug)}&session=${sessionId}` : null;
  const [a, b] = compare.map((id) => columns.find((c) => c.id === id));

  return (
    <div className="grid gap-4">
      {props.notice && <Alert tone="success">{props.notice}</Alert>}
      {!props.canRun && (
        <Alert tone="info">
          <span data-testid="read-only-notice">Read-only: running prompts needs the editor role or higher. You can read the versions here and every stored run in the prompt&apos;s Runs tab.</span>
        </Alert>
      )}
      <div className="grid gap-4">
        {prompt === null && (
          <FreeformTemplateCard
            type={ffType}
            onTypeChange={setFfType}
            text={ffText}
            onTextChange={setFfText}
            messages={ffMessages}
            onMessagesChange={setFfMessages}
            problem={ffScan.error}
            onSave={props.canSavePrompt ? () => setSaveOpen(true) : null}
          />
        )}
        <VariablesForm
          fields={fields}
          structured={structured}
          values={variables}
          onChange={(name, value) => setVariables((v) => ({ ...v, [name]: value }))}
          problemOf={props.canRun ? jsonProblem : null}
          emptyHint={props.canRun}
          noneText={prompt ? "These versions take no variables." : "The template takes no variables: write {{name}} in it to add one."}
        />
        <div className="grid min-w-0 content-start gap-3">
          <div className="flex flex-wrap items-center gap-2">
            {props.canRun && (
              <>
                <Button onClick={runAll} disabled={blocking !== null} title={blocking ?? "Ctrl/⌘ + Enter"} aria-describedby={blocking ? "run-all-problem" : undefined}>
                  <Play className="size-4" /> Run all
                </Button>
                <Button
                  variant="secondary"
                  disabled={columns.length >= 6}
                  onClick={() => setColumns((cs) => [...cs, { ...cs[cs.length - 1]!, id: newId(), result: undefined }])}
                >
                  <Plus className="size-4" /> Add column
                </Button>
              </>
            )}
            <Button variant="secondary" disabled={compare.length !== 2} onClick={() => setDiffOpen(true)}>
              <GitCompare className="size-4" /> Diff outputs
            </Button>
            {shareUrl && (
              <Button
                variant="ghost"
                onClick={() => {
                  navigator.clipboard?.writeText(shareUrl).catch(() => {});
                  toast.success("Link copied: teammates open this playground with it");
                }}
              >
                <Link2 className="size-4" /> Share
              </Button>
            )}
          </div>
          {props.canRun && blocking && (
            <p id="run-all-problem" className="text-sm text-amber-800 dark:text-amber-300" data-testid="run-all-problem">
              {blocking}
            </p>
          )}
          {props.canRun && props.configured && !props.configuredModel && props.connections.length > 0 && (
            <p className="text-xs text-zinc-500">
              The prompt is configured for <span className="font-mono">{props.configured}</span>, which no connection reports; pick another model.
            </p>
          )}
          {/* Phones stack the columns; the playground works there, if best on a larger screen. */}
          <p className="text-xs text-zinc-500 md:hidden">Side-by-side columns are best on a larger screen; here they stack.</p>
          <div className={`grid gap-3 ${columns.length === 1 ? "grid-cols-1" : columns.length === 2 ? "grid-cols-1 md:grid-cols-2" : "grid-cols-1 md:grid-cols-2 xl:grid-cols-3"}`}>
            {columns.map((c, i) => (
              <PlaygroundColumn
                key={c.id}
                index={i}
                column={c}
                sources={sources}
                runBase={`/w/${ws}/runs`}
                connections={props.connections}
                configuredModel={props.configuredModel}
                problem={problemOf(c)}
                pricesHref={props.pricesHref}
                canRun={props.canRun}
                canRate={props.canRate}
                canRemove={props.canRun && columns.length > 1}
                compare={compare.includes(c.id)}
                onChange={(next) => update(c.id, () => next)}
                onRun={() => runColumn(c)}
                onStop={() => controllers.current.get(c.id)?.abort()}
                onRemove={() => setColumns((cs) => cs.filter((x) => x.id !== c.id))}
                onRate={(v) => rate(c, v)}
                onPreview={() => previewColumn(c)}
                onToggleCompare={() => setCompare((cur) => (cur.includes(c.id) ? cur.filter((x) => x !== c.id) : [...cur, c.id].slice(-2)))}
              />
            ))}
          </div>
        </div>
      </div>
      <SaveAsPromptDialog ws={ws} open={saveOpen} onOpenChange={setSaveOpen} type={ffType} content={ffContent} />
      <Dialog open={diffOpen} onOpenChange={setDiffOpen}>
        <DialogContent title="Diff outputs" className="max-w-5xl">
          {a && b && (
            <PromptDiffEditor
              original={a.result?.text ?? ""}
              modified={b.result?.text ?? ""}
              originalLabel={`#${columns.indexOf(a) + 1} ${sourceKey(a.source)} · ${a.model}`}
              modifiedLabel={`#${columns.indexOf(b) + 1} ${sourceKey(b.source)} · ${b.model}`}
              height={420}
            />
          )}
        </DialogContent>
      </Dialog>
    </div>
  );
}
