import type { Metadata } from "next";
import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { Playground } from "@/components/playground/playground";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/alert";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { loadPlaygroundSession } from "@/lib/playground";
import { getPrompt, listPrompts, listVersions } from "@/lib/prompts";
import { listConnectionModels } from "@/lib/providers";
import { getRun, presentRun } from "@/lib/runs";
import { extractSections } from "@/lib/templates";

export const metadata: Metadata = { title: "Playground" };

/** The picker's value for a template written in the playground; no slug can take it (slugs start with [a-z0-9]). */
const FREEFORM = ":free-form";

export default async function PlaygroundPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug: ws } = await params;
  const q = await searchParams;
  const { ctx } = await requireWorkspace(ws);
  const { prompts } = await listPrompts({ ctx, input: { limit: 200 } });
  const picker = (
    <form className="flex min-w-0 max-w-full items-center gap-2" action={`/w/${ws}/playground`}>
      <select name="prompt" defaultValue={q.prompt ?? ""} aria-label="Prompt" className="h-9 min-w-0 rounded-md border border-zinc-200 bg-white px-3 text-sm dark:border-zinc-800 dark:bg-zinc-950">
        <option value="" disabled>
          Choose a prompt…
        </option>
        <option value={FREEFORM}>Free-form (no saved prompt)</option>
        {prompts.map((p) => (
          <option key={p.id} value={p.slug}>
            {p.slug}
          </option>
        ))}
      </select>
      <button className="h-9 shrink-0 rounded-md border border-zinc-200 px-3 text-sm dark:border-zinc-800">Open</button>
    </form>
  );
  if (!q.prompt) {
    return (
      <>
        <PageHeader title="Playground" description="Run versions side by side across models, with tokens, latency and cost." action={picker} />
        <Card>
          <EmptyState icon={FlaskConical} title={prompts.length ? "Pick a prompt to try" : "No prompts yet"}>
            {prompts.length ? "Choose a prompt above; each column runs one version (or the live draft) on one model. " : "Create a prompt, or "}
            <Link className="underline" href={`/w/${ws}/playground?prompt=${encodeURIComponent(FREEFORM)}`}>
              {prompts.length ? "Or write a free-form template" : "write a free-form template"}
            </Link>{" "}
            and run it without saving a prompt.
          </EmptyState>
        </Card>
      </>
    );
  }
  if (q.prompt === FREEFORM) {
    const canRun = can(ctx, "runs:create");
    const connections = canRun ? await listConnectionModels({ ctx }) : [];
    const first = connections.flatMap((c) => c.models.map((m) => `${c.connection}/${m}`))[0] ?? "";
    return (
      <>
        <PageHeader title="Playground" description="Free-form: a template written here, run side by side across models without saving a prompt." action={picker} />
        {canRun && connections.length === 0 && <NoConnections ws={ws} canManage={can(ctx, "providers:manage")} />}
        <Playground
          ws={ws}
          prompt={null}
          canSavePrompt={can(ctx, "prompts:write")}
          versions={[]}
          labels={{}}
          draftVariables={[]}
          draftSections={[]}
          connections={connections.map((c) => ({ name: c.connection, ok: c.ok, models: c.models, message: c.message }))}
          configuredModel={null}
          configured={null}
          initial={{
            columns: [
              { id: "a", source: { kind: "freeform" }, model: first, params: {} },
              { id: "b", source: { kind: "freeform" }, model: first, params: {} },
            ],
            variables: {},
          }}
          results={{}}
          sessionId={null}
          canRun={canRun}
          canRate={can(ctx, "reviews:write")}
          pricesHref={can(ctx, "providers:manage") ? `/w/${ws}/settings/models#prices` : null}
        />
      </>
    );
  }
  const data = await getPrompt({ ctx, slug: q.prompt }).catch((e) => (isAppError(e) ? null : Promise.reject(e)));
  if (!data) {
    return (
      <>
        <PageHeader title="Playground" action={picker} />
        <Alert>Prompt “{q.prompt}” does not exist in this workspace.</Alert>
      </>
    );
  }
  const canRun = can(ctx, "runs:create");
  const [versions, connections, session] = await Promise.all([
    listVersions({ ctx, slug: data.prompt.slug, limit: 200 }),
    canRun ? listConnectionModels({ ctx }) : Promise.resolve([]),
    loadPlaygroundSession({ ctx, input: { prompt: data.prompt.slug, id: q.session } }).catch(() => null),
  ]);
  const labels = Object.fromEntries(data.labels.map((l) => [l.name, l.version]));
  const latest = data.prompt.latestVersion;
  // The prompt's own configured model, on the first connection that serves it (or could, when none could list).
  const configured = typeof data.latest?.config.model === "string" ? data.latest.config.model : null;
  const servedBy = configured ? (connections.find((c) => c.models.includes(configured)) ?? connections.find((c) => !c.ok)) : undefined;
  const configuredModel = configured && servedBy ? `${servedBy.connection}/${configured}` : null;
  const first = configuredModel ?? connections.flatMap((c) => c.models.map((m) => `${c.connection}/${m}`))[0] ?? "";
  const initial = session?.state ?? {
    columns: [
      { id: "a", source: labels.production ? { kind: "label" as const, label: "production" } : { kind: "version" as const, version: latest }, model: first, params: {} },
      { id: "b", source: { kind: "draft" as const }, model: first, params: {} },
    ],
    variables: {},
  };
  // Each column's last run comes back with the session, so outputs survive a reload.
  const results = Object.fromEntries(
    (
      await Promise.all(
        initial.columns.map(async (c) => {
          const runId = "runId" in c ? c.runId : undefined;
          if (!runId) return null;
          const run = await getRun({ ctx, input: { id: runId } }).catch(() => null);
          return run ? ([c.id, { ...presentRun(run), verdict: run.myVerdict === "up" || run.myVerdict === "down" ? run.myVerdict : null }] as const) : null;
        }),
      )
    ).filter((r) => r !== null),
  );
  return (
    <>
      <PageHeader
        title="Playground"
        description={
          <>
            <Link className="font-mono hover:underline" href={`/w/${ws}/prompts/${data.prompt.slug}`}>
              {data.prompt.slug}
            </Link>{" "}
            · every run is stored in the prompt&apos;s run history.
          </>
        }
        action={picker}
      />
      {canRun && connections.length === 0 && <NoConnections ws={ws} canManage={can(ctx, "providers:manage")} />}
      <Playground
        key={`${data.prompt.slug}:${session?.id ?? "new"}`}
        ws={ws}
        prompt={{ slug: data.prompt.slug, type: data.prompt.type }}
        versions={versions.map((v) => ({ number: v.number, semver: v.semver, variables: v.variables, sections: extractSections(v.content) }))}
        labels={labels}
        draftVariables={data.latest?.variables ?? []}
        draftSections={data.latest ? extractSections(data.latest.content) : []}
        connections={connections.map((c) => ({ name: c.connection, ok: c.ok, models: c.models, message: c.message }))}
        configuredModel={configuredModel}
        configured={configured}
        initial={initial}
        results={results}
        sessionId={session && !session.shared ? session.id : null}
        canRun={canRun}
        canRate={can(ctx, "reviews:write")}
        pricesHref={can(ctx, "providers:manage") ? `/w/${ws}/settings/models#prices` : null}
        notice={session?.shared ? "You opened a teammate's playground. Your changes are saved as your own copy." : undefined}
      />
    </>
  );
}

function NoConnections({ ws, canManage }: { ws: string; canManage: boolean }) {
  return (
    <Alert className="mb-4">
      No model connections yet.{" "}
      {canManage ? (
        <Link className="underline" href={`/w/${ws}/settings/models`}>
          Add one in Settings → Models
        </Link>
      ) : (
        "Ask an admin to add one in Settings → Models."
      )}
      .
    </Alert>
  );
}
