import type { Metadata } from "next";
import { MailPlus } from "lucide-react";
import { Forbidden } from "@/components/shell/forbidden";
import { InviteDialog } from "@/components/settings/invite-dialog";
import { InvitesTable, MembersTable } from "@/components/settings/members-table";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { grantableRoles } from "@/lib/auth";
import { can } from "@/lib/context";
import { listMembers, listPendingInvites } from "@/lib/members";
import { settingsAccess } from "../guard";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, ctx, allowed, message, back } = await settingsAccess(slug);
  if (!allowed) return <Forbidden message={message} backHref={back} />;
  const [members, invites] = await Promise.all([listMembers({ ctx }), listPendingInvites({ ctx })]);
  const grantable = grantableRoles(ctx.role!);
  const canInvite = can(ctx, "members:invite");
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader
          title={`Members (${members.length})`}
          description="Owner › admin › editor › reviewer › viewer. The last owner cannot leave or be demoted."
          action={canInvite && <InviteDialog slug={ctx.workspace.slug} roles={grantable} />}
        />
        <MembersTable
          slug={ctx.workspace.slug}
          meId={user.id}
          myRole={ctx.role!}
          grantable={grantable}
          members={members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }))}
        />
      </Card>
      <Card>
        <CardHeader title="Pending invites" description="Links that have not been used yet. Revoking one makes its link stop working." />
        {invites.length === 0 ? (
          <EmptyState icon={MailPlus} title="No pending invites">
            Invite a teammate with “Invite member”, then send them the link.
          </EmptyState>
        ) : (
          <InvitesTable slug={ctx.workspace.slug} invites={invites.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() }))} />
        )}
      </Card>
    </div>
  );
}
