import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { actionTone, formatUtc, summarizeAuditData } from "./format";

export type AuditRow = {
  id: number;
  seq: number;
  at: string;
  actorType: "user" | "api_key" | "system";
  actorId: string | null;
  actorName: string;
  actorLabel: string | null;
  action: string;
  actionLabel: string;
  targetType: string;
  targetId: string | null;
  data: Record<string, unknown>;
};

/** Under the actor's name: a user's email, or what kind of actor it is. */
const ACTOR_KIND = { user: null, api_key: "API key", system: "automatic" } as const;

/** Newest first. `actorHref` filters the log by that actor. */
export function AuditTable({ rows, actorHref }: { rows: AuditRow[]; actorHref: (actorId: string) => string }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th className="w-44">Time (UTC)</Th>
          <Th className="w-48">Actor</Th>
          <Th className="w-40">Action</Th>
          <Th className="w-36">Target</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const summary = summarizeAuditData(r.data);
          const kind = ACTOR_KIND[r.actorType];
          return (
            <tr key={r.id} data-testid="audit-row" data-action={r.action} data-event-id={r.id}>
              <Td className="whitespace-nowrap">
                <time dateTime={r.at} title={r.at} className="font-mono text-xs text-zinc-700 dark:text-zinc-300">
                  {formatUtc(r.at)}
                </time>
                <div className="text-xs text-zinc-400">#{r.seq}</div>
              </Td>
              <Td>
                {r.actorId ? (
                  <Link href={actorHref(r.actorId)} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100" title="Show only this actor's events">
                    {r.actorName}
                  </Link>
                ) : (
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{r.actorName}</span>
                )}
                <div className="truncate text-xs text-zinc-500">{kind ?? r.actorLabel}</div>
              </Td>
              <Td>
                <Badge tone={actionTone(r.action)} title={r.action} className="whitespace-nowrap">
                  {r.actionLabel}
                </Badge>
              </Td>
              <Td>
                <div className="text-xs text-zinc-700 dark:text-zinc-300">{r.targetType.replace(/_/g, " ")}</div>
                {typeof r.data.slug === "string" ? (
                  <div className="truncate font-mono text-xs text-zinc-500" title={r.targetId ?? undefined}>
                    {r.data.slug}
                  </div>
                ) : (
                  r.targetId && (
                    <div className="font-mono text-xs text-zinc-400" title={r.targetId}>
                      {r.targetId.length > 12 ? `${r.targetId.slice(0, 8)}…` : r.targetId}
                    </div>
                  )
                )}
              </Td>
              <Td className="max-w-0 text-xs">
                <div className="truncate" title={JSON.stringify(r.data, null, 2)}>
                  {summary || <span className="text-zinc-400">—</span>}
                </div>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
