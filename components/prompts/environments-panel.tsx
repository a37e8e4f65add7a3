"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { History, Undo2 } from "lucide-react";
import { moveLabelAction, rollbackLabelAction } from "@/app/w/[slug]/prompts/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";

type Event = { id: number; label: string; kind: string; from: number | null; to: number; reason: string; actor: string; at: string };

export function EnvironmentsPanel({
  ws,
  slug,
  canMove,
  labels,
  history,
  at,
  atResult,
  atError,
  role,
}: {
  ws: string;
  slug: string;
  canMove: boolean;
  labels: { name: string; version: number | null; minRole: string; allowed: boolean }[];
  role: string;
  history: Event[];
  at: string | null;
  atResult: { at: string; labels: { label: string; version: number | null }[] } | null;
  atError: string | null;
}) {
  const router = useRouter();
  const action = useServerAction();
  const [when, setWhen] = useState("");
  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="grid gap-3 md:grid-cols-3">
        {labels.map((l) => {
          const moved = history.some((h) => h.label === l.name && h.from !== null);
          return (
            <Card key={l.name} className="p-4" data-testid={`env-${l.name}`}>
              <div className="flex items-center justify-between">
                <span className="font-medium">{l.name}</span>
                {l.version ? <Badge tone={l.name === "production" ? "green" : "amber"}>v{l.version}</Badge> : <span className="text-xs text-zinc-400">not set</span>}
              </div>
              <p className="mt-1 text-xs text-zinc-500">
                Moved by {l.minRole} or higher{canMove && !l.allowed ? `; you are ${role}` : ""}.
              </p>
              {canMove && moved && l.allowed && (
                <Button
                  className="mt-3"
                  variant="secondary"
                  size="sm"
                  pending={action.pending}
                  onClick={() => {
                    if (confirm(`Roll ${l.name} back to where it pointed before its last move?`)) action.run(() => rollbackLabelAction(ws, { slug, label: l.name }), { success: `${l.name} rolled back` });
                  }}
                >
                  <Undo2 className="size-3.5" /> Roll back
                </Button>
              )}
            </Card>
          );
        })}
      </div>

      <Card>
        <CardHeader title="Point in time" description="Which version each label pointed to at a moment in the past (your local time; answers come from the move history)." />
        <CardBody>
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const d = new Date(when);
              if (!Number.isNaN(d.getTime())) router.push(`/w/${ws}/prompts/${slug}?tab=environments&at=${encodeURIComponent(d.toISOString())}`);
            }}
          >
            <Input type="datetime-local" step={1} aria-label="Point in time" className="w-60" value={when} onChange={(e) => setWhen(e.target.value)} required />
            <Button type="submit" variant="secondary">
              Show labels at this time
            </Button>
          </form>
          {atError && <Alert className="mt-3">{atError}</Alert>}
          {atResult && (
            <div className="mt-3 text-sm" data-testid="point-in-time">
              <div className="mb-1 text-zinc-500">
                At <time dateTime={atResult.at}>{atResult.at.replace("T", " ").slice(0, 19)} UTC</time>:
              </div>
              <ul className="flex flex-wrap gap-2">
                {atResult.labels.map((l) => (
                  <li key={l.label} className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800" data-testid={`at-${l.label}`}>
                    {l.label} → {l.version ? `v${l.version}` : "nothing"}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {at && !atResult && !atError && <p className="mt-3 text-sm text-zinc-500">No answer for {at}.</p>}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="History" description="Every label move, newest first. Times are UTC." />
        {history.length === 0 ? (
          <EmptyState icon={History} title="No label has moved yet">
            Promote a version from the Versions tab to point production or staging at it.
          </EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th className="w-44">When</Th>
                <Th className="w-28">Label</Th>
                <Th className="w-28">Move</Th>
                <Th>Reason</Th>
                <Th className="w-36">By</Th>
                <Th className="w-32" />
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id} data-testid={`event-${h.id}`}>
                  <Td className="font-mono text-xs">{h.at.replace("T", " ").slice(0, 19)}</Td>
                  <Td>{h.label}</Td>
                  <Td className="tabular-nums">
                    {h.from ? `v${h.from}` : "—"} → v{h.to} {h.kind === "rollback" && <Badge tone="amber">rollback</Badge>}
                  </Td>
                  <Td className="text-sm">{h.reason}</Td>
                  <Td className="text-xs">{h.actor}</Td>
                  <Td className="text-right">
                    {canMove && h.from && labels.find((l) => l.name === h.label)?.allowed !== false && (
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={action.pending}
                        onClick={() => action.run(() => moveLabelAction(ws, { slug, label: h.label, version: h.from!, reason: `Roll back to v${h.from}`, kind: "rollback" }), { success: `${h.label} → v${h.from}` })}
                      >
                        Back to v{h.from}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
