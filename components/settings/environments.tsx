"use client";
import { useState } from "react";
import { setLabelPolicyAction } from "@/app/w/[slug]/prompts/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import type { Role } from "@/lib/auth/permissions";
import { useServerAction } from "./use-action";

const MOVERS: Role[] = ["editor", "admin", "owner"];
type Policy = { label: string; minRole: Role; custom: boolean };

export function EnvironmentPolicies({ ws, policies, canManage }: { ws: string; policies: Policy[]; canManage: boolean }) {
  const action = useServerAction();
  const [label, setLabel] = useState("");
  const [role, setRole] = useState<Role>("admin");
  return (
    <>
      {action.error && <Alert className="m-4">{action.error}</Alert>}
      <Table>
        <thead>
          <tr>
            <Th>Label</Th>
            <Th className="w-56">Who may move it</Th>
            <Th className="w-32">Source</Th>
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => (
            <tr key={p.label} data-testid={`policy-${p.label}`}>
              <Td className="font-medium">{p.label}</Td>
              <Td>
                {canManage ? (
                  <Select
                    aria-label={`Minimum role to move ${p.label}`}
                    className="h-8 w-40"
                    value={p.minRole}
                    disabled={action.pending}
                    onChange={(e) => action.run(() => setLabelPolicyAction(ws, p.label, e.target.value as Role), { success: `${p.label}: ${e.target.value} or higher` })}
                  >
                    {MOVERS.map((r) => (
                      <option key={r} value={r}>
                        {r} or higher
                      </option>
                    ))}
                  </Select>
                ) : (
                  `${p.minRole} or higher`
                )}
              </Td>
              <Td>{p.custom ? <Badge tone="blue">custom</Badge> : <Badge>default</Badge>}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {canManage && (
        <form
          className="flex flex-wrap items-center gap-2 border-t border-zinc-200 px-5 py-4 dark:border-zinc-800"
          onSubmit={(e) => {
            e.preventDefault();
            action.run(() => setLabelPolicyAction(ws, label.trim(), role), { success: `Policy for ${label} saved`, onSuccess: () => setLabel("") });
          }}
        >
          <Input aria-label="Label name" className="w-48" placeholder="canary" value={label} maxLength={36} onChange={(e) => setLabel(e.target.value.toLowerCase())} required />
          <Select aria-label="Minimum role" className="w-40" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {MOVERS.map((r) => (
              <option key={r} value={r}>
                {r} or higher
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" pending={action.pending}>
            Add policy
          </Button>
        </form>
      )}
    </>
  );
}
