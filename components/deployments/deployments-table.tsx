import Link from "next/link";
import { Rocket } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";

export type DeploymentRow = {
  id: string;
  name: string;
  environment: string;
  source: "sdk" | "ci";
  lastSeenAt: string;
  silent: boolean;
  prompts: { slug: string; label: string | null; status: "in_sync" | "behind" | "unknown_content"; reportedVersion: number | null; expectedVersion: number | null; hash: string; driftSince: string | null }[];
};

function Status({ p, silent }: { p: DeploymentRow["prompts"][number]; silent: boolean }) {
  if (silent) return <Badge tone="neutral">silent</Badge>;
  if (p.status === "in_sync") return <Badge tone="green">in sync</Badge>;
  if (p.status === "behind")
    return (
      <Badge tone="amber" title={`Serves v${p.reportedVersion}; ${p.label ?? "its pin"} points at v${p.expectedVersion ?? "nothing"}`}>
        behind: v{p.reportedVersion} → v{p.expectedVersion ?? "?"}
      </Badge>
    );
  return (
    <Badge tone="red" title={`Hash ${p.hash.slice(0, 12)}… matches no version: edited outside Promptyard`}>
      unknown content
    </Badge>
  );
}

/** Per deployment and prompt: in sync / behind (which version) / unknown content / silent. Server-rendered. */
export function DeploymentsTable({ ws, deployments, showPrompt = true, silentMinutes }: { ws: string; deployments: DeploymentRow[]; showPrompt?: boolean; silentMinutes: number }) {
  if (deployments.length === 0) {
    return (
      <Card>
        <EmptyState icon={Rocket} title="No deployment has reported yet">
          Applications report what they serve with the SDK&apos;s heartbeat or <code className="font-mono">promptyard status --report</code> in CI.{" "}
          <Link href={`/w/${ws}/use`} className="text-blue-600 hover:underline dark:text-blue-400">
            Set it up
          </Link>
          .
        </EmptyState>
      </Card>
    );
  }
  const now = new Date();
  return (
    <>
      {/* Phones: one card per deployment, the status first (a six-column table would hide it off-screen). */}
      <ul className="grid gap-3 md:hidden" aria-label="Deployments">
        {deployments.map((d) => (
          <li key={d.id} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <div className="flex flex-wrap items-baseline justify-between gap-x-2">
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{d.name}</span>
              <span className="text-xs text-zinc-500">
                {d.environment} · {d.source === "ci" ? "CI" : "SDK"} · <RelativeTime date={new Date(d.lastSeenAt)} now={now} />
              </span>
            </div>
            <ul className="mt-2 grid gap-1.5">
              {d.prompts.length === 0 && <li className="text-sm text-zinc-400">no prompts reported</li>}
              {d.prompts.map((p) => (
                <li key={p.slug} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span className="min-w-0 truncate font-mono text-xs">
                    {showPrompt ? p.slug : (p.label ?? "pinned")}
                  </span>
                  <Status p={p} silent={d.silent} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    <Card className="hidden md:block">
      <Table>
        <thead>
          <tr>
            <Th>Deployment</Th>
            {showPrompt && <Th>Prompt</Th>}
            <Th>Label</Th>
            <Th>Status</Th>
            <Th>Drifting since</Th>
            <Th>Last report</Th>
          </tr>
        </thead>
        <tbody>
          {deployments.flatMap((d) =>
            (d.prompts.length ? d.prompts : [null]).map((p, i) => (
              <tr key={`${d.id}-${p?.slug ?? "none"}`}>
                <Td className="whitespace-nowrap">
                  {i === 0 && (
                    <>
                      <span className="font-medium text-zinc-900 dark:text-zinc-100">{d.name}</span>{" "}
                      <span className="text-xs text-zinc-500">
                        {d.environment} · {d.source === "ci" ? "CI" : "SDK"}
                      </span>
                    </>
                  )}
                </Td>
                {showPrompt && (
                  <Td className="max-w-64 truncate font-mono text-xs">
                    {p ? (
                      <Link href={`/w/${ws}/prompts/${p.slug}?tab=environments`} className="hover:underline">
                        {p.slug}
                      </Link>
                    ) : (
                      <span className="text-zinc-400">no prompts reported</span>
                    )}
                  </Td>
                )}
                <Td className="text-xs">{p ? (p.label ?? "pinned") : ""}</Td>
                <Td className="whitespace-nowrap">{p && <Status p={p} silent={d.silent} />}</Td>
                <Td className="whitespace-nowrap text-xs">{p?.driftSince && !d.silent ? <RelativeTime date={new Date(p.driftSince)} now={now} /> : <span className="text-zinc-400">—</span>}</Td>
                <Td className="whitespace-nowrap text-xs" title={d.silent ? `No report for more than ${silentMinutes} min` : undefined}>
                  {i === 0 && <RelativeTime date={new Date(d.lastSeenAt)} now={now} />}
                </Td>
              </tr>
            )),
          )}
        </tbody>
      </Table>
    </Card>
    </>
  );
}
