import type { Metadata } from "next";
import Link from "next/link";
import { FileText } from "lucide-react";
import { NewPromptDialog } from "@/components/prompts/new-prompt-dialog";
import { PromptSearch } from "@/components/prompts/prompt-search";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";
import { listPromptFacets, listPrompts } from "@/lib/prompts";

export const metadata: Metadata = { title: "Prompts" };
const PAGE = 50;
const UPDATED = { "1d": 1, "7d": 7, "30d": 30 } as const;

export default async function PromptsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug: ws } = await params;
  const q = await searchParams;
  const { ctx } = await requireWorkspace(ws);
  const page = Math.max(1, Number(q.page) || 1);
  const updated = q.updated && q.updated in UPDATED ? UPDATED[q.updated as keyof typeof UPDATED] : undefined;
  const sort = q.sort === "name" ? "name" : "updated";
  const [{ prompts, hasMore, total }, facets] = await Promise.all([
    listPrompts({
      ctx,
      input: {
        search: q.q || undefined,
        folder: q.folder || undefined,
        tag: q.tag || undefined,
        label: q.label || undefined,
        archived: q.archived === "1",
        updatedAfter: updated ? new Date(Date.now() - updated * 86400_000) : undefined,
        sort,
        limit: PAGE,
        offset: (page - 1) * PAGE,
      },
    }),
    listPromptFacets({ ctx }),
  ]);
  const filtered = Boolean(q.q || q.folder || q.tag || q.label || q.updated || q.archived);
  const base = `/w/${ws}/prompts`;
  const sortHref = (s: "name" | "updated") => `${base}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(q).filter(([k, v]) => v && k !== "page" && k !== "sort") as [string, string][]), ...(s === "name" ? { sort: "name" } : {}) })}`;
  const pageHref = (p: number) => `${base}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(q).filter(([, v]) => v) as [string, string][]), page: String(p) })}`;
  return (
    <>
      <PageHeader title="Prompts" description="Every prompt with its environments. Versions are immutable; labels move." action={can(ctx, "prompts:write") && <NewPromptDialog ws={ws} folder={q.folder} />} />
      <form className="mb-4 flex flex-wrap items-center gap-2" role="search">
        <PromptSearch defaultValue={q.q} />
        {sort === "name" && <input type="hidden" name="sort" value="name" />}
        <Select name="folder" defaultValue={q.folder ?? ""} className="w-40" aria-label="Folder">
          <option value="">All folders</option>
          {facets.folders.map((f) => (
            <option key={f} value={f}>
              {f}/
            </option>
          ))}
        </Select>
        <Select name="tag" defaultValue={q.tag ?? ""} className="w-36" aria-label="Tag">
          <option value="">Any tag</option>
          {facets.tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
        <Select name="label" defaultValue={q.label ?? ""} className="w-40" aria-label="Label">
          <option value="">Any label</option>
          <option value="production">In production</option>
          <option value="staging">In staging</option>
        </Select>
        <Select name="updated" defaultValue={q.updated ?? ""} className="w-40" aria-label="Updated">
          <option value="">Updated any time</option>
          <option value="1d">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
        </Select>
        <label className="flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" name="archived" value="1" defaultChecked={q.archived === "1"} /> Archived
        </label>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered && (
          <Link href={base} className="text-sm text-zinc-500 hover:underline">
            Clear
          </Link>
        )}
      </form>
      <div className="mb-2 flex items-center justify-between text-sm text-zinc-500">
        <span data-testid="prompt-total">
          {total === 0 ? "No prompts" : total <= PAGE ? `${total} prompt${total === 1 ? "" : "s"}` : `${(page - 1) * PAGE + 1}–${(page - 1) * PAGE + prompts.length} of ${total} prompts`}
          {filtered && total > 0 ? " match" : ""}
        </span>
        <span className="flex items-center gap-2">
          Sort
          <Link href={sortHref("updated")} aria-current={sort === "updated" ? "true" : undefined} className={sort === "updated" ? "font-medium text-zinc-900 dark:text-zinc-100" : "hover:underline"}>
            recently updated
          </Link>
          <Link href={sortHref("name")} aria-current={sort === "name" ? "true" : undefined} className={sort === "name" ? "font-medium text-zinc-900 dark:text-zinc-100" : "hover:underline"}>
            name
          </Link>
        </span>
      </div>
      <Card>
        {prompts.length === 0 ? (
          <EmptyState icon={FileText} title={filtered ? "No prompts match these filters" : "No prompts yet"}>
            {filtered ? "Try a broader search or clear the filters." : can(ctx, "prompts:write") ? "Create your first prompt with “New prompt”." : "Editors create prompts; they will show up here."}
          </EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Prompt</Th>
                <Th className="w-28">production</Th>
                <Th className="w-24">staging</Th>
                <Th className="w-20">latest</Th>
                <Th className="w-28">Updated</Th>
              </tr>
            </thead>
            <tbody>
              {prompts.map((p) => {
                const cut = p.slug.lastIndexOf("/");
                return (
                  <tr key={p.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <Td>
                      <Link href={`${base}/${p.slug}`} className="group block">
                        <span className="font-mono text-sm">
                          {cut > 0 && <span className="text-zinc-400">{p.slug.slice(0, cut + 1)}</span>}
                          <span className="font-medium text-zinc-900 group-hover:underline dark:text-zinc-100">{p.slug.slice(cut + 1)}</span>
                        </span>
                        <span className="ml-2 inline-flex gap-1 align-middle">
                          <Badge>{p.type}</Badge>
                          {p.isComponent && <Badge tone="green">component</Badge>}
                          {p.tags.map((t) => (
                            <Badge key={t} tone="blue">
                              {t}
                            </Badge>
                          ))}
                        </span>
                        {p.description && <span className="mt-0.5 block truncate text-xs text-zinc-500">{p.description}</span>}
                      </Link>
                    </Td>
                    <Td>{p.labels.production ? <Badge tone="green">v{p.labels.production}</Badge> : <span className="text-xs text-zinc-400">—</span>}</Td>
                    <Td>{p.labels.staging ? <Badge tone="amber">v{p.labels.staging}</Badge> : <span className="text-xs text-zinc-400">—</span>}</Td>
                    <Td className="tabular-nums">v{p.latestVersion}</Td>
                    <Td className="text-xs text-zinc-500">
                      <RelativeTime date={p.updatedAt} />
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>
      {(page > 1 || hasMore) && (
        <div className="mt-4 flex justify-between text-sm">
          {page > 1 ? <Link href={pageHref(page - 1)}>← Previous</Link> : <span />}
          {hasMore && <Link href={pageHref(page + 1)}>Next →</Link>}
        </div>
      )}
    </>
  );
}
