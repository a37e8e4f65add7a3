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
import { listModelPrices } from "@/lib/models";
import { loadPlaygroundSession } from "@/lib/playground";
import { getPrompt, listPrompts, listVersions } from "@/lib/prompts";
import { listProviders } from "@/lib/providers";

export const metadata: Metadata = { title: "Playground" };

export default async function PlaygroundPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug: ws } = await params;
  const q = await searchParams;
  const { ctx } = await requireWorkspace(ws);
  const { prompts } = await listPrompts({ ctx, input: { limit: 200 } });
  const picker = (
    <form className="flex items-center gap-2" action={`/w/${ws}/playground`}>
      <select name="prompt" defaultValue={q.prompt ?? ""} aria-label="Prompt" className="h-9 rounded-md border border-zinc-200 bg-white px-3 text-sm dark:border-zinc-800 dark:bg-zinc-950">
        <option value="" disabled>
          Choose a prompt…
        </option>
        {prompts.map((p) => (
          <option key={p.id} value={p.slug}>
            {p.slug}
          </option>
        ))}
      </select>
      <button className="h-9 rounded-md border border-zinc-200 px-3 text-sm dark:border-zinc-800">Open</button>
    </form>
  );
  if (!q.prompt) {
    return (
      <>
        <PageHeader title="Playground" description="Run versions side by side across models, with tokens, latency and cost." action={picker} />
        <Card>
          <EmptyState icon={FlaskConical} title={prompts.length ? "Pick a prompt to try" : "No prompts yet"}>
            {prompts.length ? "Choose a prompt above; each column runs one version (or the live draft) on one model." : "Create a prompt first, then try it here."}
          </EmptyState>
        </Card>
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
  const [versions, connections, prices, session] = await Promise.all([
    listVersions({ ctx, slug: data.prompt.slug, limit: 200 }),
    can(ctx, "providers:read") ? listProviders({ ctx }) : Promise.resolve([]),
    listModelPrices({ ctx }),
    loadPlaygroundSession({ ctx, input: { prompt: data.prompt.slug, id: q.session } }).catch(() => null),
  ]);
  const models = connections.flatMap((c) => prices.map((p) => `${c.name}/${p.model}`));
  const labels = Object.fromEntries(data.labels.map((l) => [l.name, l.version]));
  const latest = data.prompt.latestVersion;
  const first = models[0] ?? "";
  const initial = session?.state ?? {
    columns: [
      { id: "a", source: labels.production ? { kind: "label" as const, label: "production" } : { kind: "version" as const, version: latest }, model: first, params: {} },
      { id: "b", source: { kind: "draft" as const }, model: first, params: {} },
    ],
    variables: {},
  };
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
      {canRun && connections.length === 0 && (
        <Alert className="mb-4">
          No model connections yet.{" "}
          {can(ctx, "providers:manage") ? (
            <Link className="underline" href={`/w/${ws}/settings/models`}>
              Add one in Settings → Models
            </Link>
          ) : (
            "Ask an admin to add one in Settings → Models."
          )}
          .
        </Alert>
      )}
      <Playground
        key={`${data.prompt.slug}:${session?.id ?? "new"}`}
        ws={ws}
        prompt={{ slug: data.prompt.slug, type: data.prompt.type }}
        versions={versions.map((v) => ({ number: v.number, semver: v.semver, variables: v.variables }))}
        labels={labels}
        draftVariables={data.latest?.variables ?? []}
        models={models}
        initial={initial}
        sessionId={session && !session.shared ? session.id : null}
        canRun={canRun}
        canRate={can(ctx, "reviews:write")}
        pricesHref={can(ctx, "providers:manage") ? `/w/${ws}/settings/models#prices` : null}
        notice={session?.shared ? "You opened a teammate's playground. Your changes are saved as your own copy." : undefined}
      />
    </>
  );
}
