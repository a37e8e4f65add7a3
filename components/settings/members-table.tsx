"use client";
import { changeRoleAction, removeMemberAction, revokeInviteAction } from "@/app/w/[slug]/settings/actions";
import { RoleBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import type { Role } from "@/lib/auth/permissions";
import { useServerAction } from "./use-action";

type Member = { userId: string; name: string; email: string; role: Role; joinedAt: string };

export function MembersTable({ slug, members, meId, myRole, grantable }: { slug: string; members: Member[]; meId: string; myRole: Role; grantable: Role[] }) {
  const action = useServerAction();
  return (
    <Table>
      <thead>
        <tr>
          <Th>Member</Th>
          <Th className="w-40">Role</Th>
          <Th className="w-28">Joined</Th>
          <Th className="w-24" />
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const manageable = m.userId !== meId && (m.role !== "owner" || myRole === "owner");
          return (
            <tr key={m.userId} data-testid={`member-${m.email}`}>
              <Td>
                <div className="font-medium text-zinc-900 dark:text-zinc-100">
                  {m.name} {m.userId === meId && <span className="text-xs font-normal text-zinc-500">(you)</span>}
                </div>
                <div className="text-xs text-zinc-500">{m.email}</div>
              </Td>
              <Td>
                {manageable ? (
                  <Select
                    aria-label={`Role of ${m.email}`}
                    className="h-8 w-32"
                    value={m.role}
                    disabled={action.pending}
                    onChange={(e) => action.run(() => changeRoleAction(slug, m.userId, e.target.value as Role), { success: `${m.name} is now ${e.target.value}` })}
                  >
                    {grantable.concat(grantable.includes(m.role) ? [] : [m.role]).map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <RoleBadge role={m.role} />
                )}
              </Td>
              <Td className="text-xs text-zinc-500">{m.joinedAt.slice(0, 10)}</Td>
              <Td className="text-right">
                {manageable && (
                  <Button
                    variant="danger-ghost"
                    size="sm"
                    disabled={action.pending}
                    onClick={() => {
                      if (confirm(`Remove ${m.name} from this workspace?`)) action.run(() => removeMemberAction(slug, m.userId), { success: `${m.name} removed` });
                    }}
                  >
                    Remove
                  </Button>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

type Invite = { id: string; email: string; role: Role; createdAt: string; expiresAt: string };

export function InvitesTable({ slug, invites }: { slug: string; invites: Invite[] }) {
  const action = useServerAction();
  return (
    <Table>
      <thead>
        <tr>
          <Th>Email</Th>
          <Th className="w-40">Role</Th>
          <Th className="w-28">Expires</Th>
          <Th className="w-24" />
        </tr>
      </thead>
      <tbody>
        {invites.map((i) => (
          <tr key={i.id}>
            <Td className="font-medium text-zinc-900 dark:text-zinc-100">{i.email}</Td>
            <Td>
              <RoleBadge role={i.role} />
            </Td>
            <Td className="text-xs text-zinc-500">{i.expiresAt.slice(0, 10)}</Td>
            <Td className="text-right">
              <Button variant="danger-ghost" size="sm" disabled={action.pending} onClick={() => action.run(() => revokeInviteAction(slug, i.id), { success: "Invite revoked" })}>
                Revoke
              </Button>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
