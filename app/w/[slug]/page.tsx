import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { KeyRound, Users } from "lucide-react";
import { RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ApiSnippet } from "@/components/workspaces/api-snippet";
import { requireWorkspace } from "@/lib/auth/session";
import { PERMISSIONS, ACTIONS } from "@/lib/auth";
import { can } from "@/lib/context";
import { getWorkspaceSummary } from "@/lib/workspaces";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx } = await requireWorkspace(slug);
  const summary = await getWorkspaceSummary({ ctx });
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const admin = can(ctx, "settings:read");
  const allowed = ACTIONS.filter((a) => can(ctx, a));
  return (
    <>
      <PageHeader
        title={ctx.workspace.name}
        description={
          <span className="flex items-center gap-1.5">
            You are <RoleBadge role={ctx.role!} /> in this workspace.
          </span>
        }
      />
      <div className="grid gap-4 md:grid-cols-3">
        <Stat icon={Users} label="Members" value={summary.members} href={admin ? `/w/${slug}/settings/members` : undefined} />
        {summary.pendingInvites !== null && <Stat icon={Users} label="Pending invites" value={summary.pendingInvites} href={`/w/${slug}/settings/members`} />}
        {summary.apiKeys !== null && <Stat icon={KeyRound} label="Active API keys" value={summary.apiKeys} href={`/w/${slug}/settings/api-keys`} />}
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Connect an application"
          description="Applications and CI talk to this workspace with an API key."
          action={
            admin && (
              <Link href={`/w/${slug}/settings/api-keys`}>
                <Button size="sm" variant="secondary">
                  Manage API keys
                </Button>
              </Link>
            )
          }
        />
        <CardBody>
          <ApiSnippet serverOrigin={origin} slug={ctx.workspace.slug} name={ctx.workspace.name} />
          {!admin && <p className="mt-3 text-sm text-zinc-500">Ask an admin of this workspace for an API key.</p>}
        </CardBody>
      </Card>

      <Card className="mt-6">
        <CardHeader title="What your role can do" description="Roles rank owner › admin › editor › reviewer › viewer." />
        <CardBody>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {ACTIONS.map((a) => (
              <li key={a} className={allowed.includes(a) ? "text-zinc-800 dark:text-zinc-200" : "text-zinc-400 line-through"}>
                {PERMISSIONS[a].label}
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
    </>
  );
}

function Stat({ icon: Icon, label, value, href }: { icon: typeof Users; label: string; value: number; href?: string }) {
  const body = (
    <Card className="p-4 transition-colors hover:border-zinc-300 dark:hover:border-zinc-700">
      <div className="flex items-center gap-2 text-sm text-zinc-500">
        <Icon className="size-4" /> {label}
      </div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
    </Card>
  );
  return href ? <Link href={href}>{body}</Link> : body;
}
