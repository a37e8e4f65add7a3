import Link from "next/link";
import { FlaskConical } from "lucide-react";
import { Badge } from "@/components/ui/badge";

const TONE: Record<string, "green" | "amber" | "blue"> = { production: "green", staging: "amber" };

export function PromptHeader({
  ws,
  prompt,
  labels,
  latest,
  canRun,
}: {
  ws: string;
  prompt: { slug: string; type: string; description: string; tags: string[]; isComponent: boolean; archived: boolean };
  labels: { name: string; version: number | null }[];
  latest: number;
  /** Only members who may run prompts are offered the playground. */
  canRun: boolean;
}) {
  const parts = prompt.slug.split("/");
  return (
    <div className="mb-5">
      <div className="mb-1 text-sm text-zinc-500">
        <Link href={`/w/${ws}/prompts`} className="hover:underline">
          Prompts
        </Link>
        {parts.slice(0, -1).map((p, i) => (
          <span key={i}>
            {" / "}
            <Link href={`/w/${ws}/prompts?folder=${encodeURIComponent(parts.slice(0, i + 1).join("/"))}`} className="hover:underline">
              {p}
            </Link>
          </span>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {canRun && (
          <Link
            href={`/w/${ws}/playground?prompt=${encodeURIComponent(prompt.slug)}`}
            className="order-last ml-auto inline-flex h-8 items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-3 text-xs font-medium hover:bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            <FlaskConical className="size-3.5" /> Try in playground
          </Link>
        )}
        <h1 className="font-mono text-xl font-semibold tracking-tight">{parts[parts.length - 1]}</h1>
        <Badge>{prompt.type}</Badge>
        {prompt.isComponent && <Badge tone="green">component</Badge>}
        {prompt.archived && <Badge tone="red">archived</Badge>}
        {prompt.tags.map((t) => (
          <Badge key={t} tone="blue">
            {t}
          </Badge>
        ))}
      </div>
      {prompt.description && <p className="mt-1 text-sm text-zinc-500">{prompt.description}</p>}
      <div className="mt-3 flex flex-wrap gap-2" data-testid="label-bar">
        {labels.map((l) => (
          <span key={l.name} className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs dark:border-zinc-800 dark:bg-zinc-900" data-testid={`label-${l.name}`}>
            <span className="font-medium">{l.name}</span>
            {l.version ? <Badge tone={TONE[l.name] ?? "blue"}>v{l.version}</Badge> : <span className="text-zinc-400">not set</span>}
          </span>
        ))}
        <span className="inline-flex items-center gap-1.5 rounded-md border border-zinc-200 bg-white px-2 py-1 text-xs dark:border-zinc-800 dark:bg-zinc-900" data-testid="label-latest">
          <span className="font-medium">latest</span>
          <Badge>v{latest}</Badge>
        </span>
      </div>
    </div>
  );
}
