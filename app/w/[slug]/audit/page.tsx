import type { Metadata } from "next";
import Link from "next/link";
import Form from "next/form";
import { Download, ScrollText } from "lucide-react";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Forbidden } from "@/components/shell/forbidden";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { auditActionLabel, listAuditActions, listAuditEvents } from "@/lib/audit";
import { PERMISSIONS } from "@/lib/auth";
import { requireWorkspace } from "@/lib/auth/session";
import { can } from "@/lib/context";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;
type Filters = { action?: string; actor?: string; from?: string; to?: string };

const PAGE_SIZE = 50;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function param(sp: SearchParams, key: string, max: number): string | undefined {
  const v = sp[key];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s.slice(0, max) : undefined;
}

/** "2025-03-15" -> that UTC midnight; anything else is ignored. */
function day(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value || !DAY_RE.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
}

function href(base: string, f: Filters & { cursor?: number }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}

export default async function AuditPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  const { ctx } = await requireWorkspace(slug);
  if (!can(ctx, "audit:read")) {
    const message = `The audit log needs the ${PERMISSIONS["audit:read"].minRole} role or higher; you are ${ctx.role}.`;
    return (
      <>
        <PageHeader title="Audit log" />
        <Forbidden message={message} backHref={`/w/${ctx.workspace.slug}`} />
      </>
    );
  }

  const sp = await searchParams;
  const filters: Filters = {
    action: param(sp, "action", 100),
    actor: param(sp, "actor", 200),
    from: day(param(sp, "from", 10)) ? param(sp, "from", 10) : undefined,
    to: day(param(sp, "to", 10)) ? param(sp, "to", 10) : undefined,
  };
  const cursorRaw = param(sp, "cursor", 10);
  const cursor = cursorRaw && /^[1-9]\d*$/.test(cursorRaw) ? Number(cursorRaw) : undefined;
  const base = `/w/${ctx.workspace.slug}/audit`;

  const [page, actions] = await Promise.all([
    listAuditEvents(ctx, {
      action: filters.action,
      actorId: filters.actor,
      from: day(filters.from),
      to: day(filters.to, 1), // the whole "to" day
      cursor,
      limit: PAGE_SIZE,
    }),
    listAuditActions(ctx),
  ]);
  const actionOptions = filters.action && !actions.includes(filters.action) ? [...actions, filters.action] : actions;
  const filtered = Boolean(filters.action || filters.actor || filters.from || filters.to);
  const actorName = filters.actor ? page.events.find((e) => e.actorId === filters.actor)?.actorName : undefined;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to this workspace, who made it and when. Append-only and hash-chained, so tampering shows."
        action={
          <a href={`/api/workspaces/${ctx.workspace.slug}/audit/export`} download data-testid="audit-export">
            <Button size="sm" variant="secondary" tabIndex={-1}>
              <Download className="size-4" /> Export JSONL
            </Button>
          </a>
        }
      />
      <div className="grid grid-cols-1 gap-6">
        <VerifyChain slug={ctx.workspace.slug} />
        <Card>
          <CardBody className="border-b border-zinc-200 dark:border-zinc-800">
            <Form action={base} className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
              <div className="grid gap-1.5">
                <Label htmlFor="audit-action">Action</Label>
                <Select id="audit-action" name="action" defaultValue={filters.action ?? ""} className="w-64">
                  <option value="">All actions</option>
                  {actionOptions.map((a) => (
                    <option key={a} value={a}>
                      {auditActionLabel(a)}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor="audit-from">From</Label>
                <Input id="audit-from" name="from" type="date" defaultValue={filters.from} className="w-40" />
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor="audit-to">To</Label>
                <Input id="audit-to" name="to" type="date" defaultValue={filters.to} className="w-40" />
              </div>
              {filters.actor && <input type="hidden" name="actor" value={filters.actor} />}
              <Button type="submit" variant="secondary">
                Apply
              </Button>
              {filtered && (
                <Link href={base} className="h-9 px-1 text-sm leading-9 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">
                  Clear filters
                </Link>
              )}
            </Form>
            {filters.actor && (
              <p className="mt-3 text-sm text-zinc-500">
                Showing events by <span className="font-medium text-zinc-800 dark:text-zinc-200">{actorName ?? filters.actor}</span>.{" "}
                <Link href={href(base, { ...filters, actor: undefined })} className="underline hover:text-zinc-900 dark:hover:text-zinc-100">
                  Show everyone
                </Link>
              </p>
            )}
          </CardBody>
          {page.events.length === 0 ? (
            filtered || cursor ? (
              <EmptyState
                icon={ScrollText}
                title="No events match"
                action={
                  <Link href={base}>
                    <Button variant="secondary">Clear filters</Button>
                  </Link>
                }
              >
                Widen the date range or pick another action.
              </EmptyState>
            ) : (
              <EmptyState icon={ScrollText} title="No audit events yet">
                Invites, role changes, API keys and settings changes appear here as soon as someone makes them.
              </EmptyState>
            )
          ) : (
            <AuditTable
              rows={page.events.map((e) => ({
                id: e.id,
                seq: e.seq,
                at: e.at.toISOString(),
                actorType: e.actorType,
                actorId: e.actorId,
                actorName: e.actorName,
                actorLabel: e.actorLabel,
                action: e.action,
                actionLabel: auditActionLabel(e.action),
                targetType: e.targetType,
                targetId: e.targetId,
                data: e.data,
              }))}
              actorHref={(actorId) => href(base, { ...filters, actor: actorId })}
            />
          )}
          {(page.nextCursor !== null || cursor) && (
            <div className="flex items-center justify-between gap-3 px-5 py-3">
              <div>
                {cursor && (
                  <Link href={href(base, filters)} className="text-sm text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100">
                    ← Newest events
                  </Link>
                )}
              </div>
              {page.nextCursor !== null && (
                <Link href={href(base, { ...filters, cursor: page.nextCursor })} data-testid="audit-load-more">
                  <Button size="sm" variant="secondary" tabIndex={-1}>
                    Load more
                  </Button>
                </Link>
              )}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
