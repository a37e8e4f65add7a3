"use client";
import { useState } from "react";
import Link from "next/link";
import { revertAction } from "@/app/w/[slug]/prompts/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { PromoteDialog, type LabelRule } from "./promote-dialog";

type Row = { number: number; semver: string; message: string; author: string; createdAt: string; labels: string[]; hash: string };
const TONE: Record<string, "green" | "amber" | "neutral" | "blue"> = { production: "green", staging: "amber", latest: "neutral" };

export function VersionsTable({ ws, slug, versions, canWrite, canMove, labels, role }: { ws: string; slug: string; versions: Row[]; canWrite: boolean; canMove: boolean; labels: LabelRule[]; role: string }) {
  const [promote, setPromote] = useState<number | null>(null);
  const action = useServerAction();
  const base = `/w/${ws}/prompts/${slug}`;
  return (
    <Card>
      <Table>
        <thead>
          <tr>
            <Th className="w-20">Version</Th>
            <Th>Message</Th>
            <Th className="w-36">Author</Th>
            <Th className="w-40">Committed (UTC)</Th>
            <Th className="w-64" />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number} data-testid={`version-${v.number}`}>
              <Td>
                <div className="font-medium tabular-nums">v{v.number}</div>
                <div className="font-mono text-xs text-zinc-500" title={`sha256 ${v.hash}`}>
                  {v.semver}
                </div>
              </Td>
              <Td>
                <div className="text-zinc-900 dark:text-zinc-100">{v.message}</div>
                <div className="mt-1 flex gap-1">
                  {v.labels.map((l) => (
                    <Badge key={l} tone={TONE[l] ?? "blue"}>
                      {l}
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td className="text-xs">{v.author}</Td>
              <Td className="font-mono text-xs text-zinc-500">{v.createdAt.slice(0, 19).replace("T", " ")}</Td>
              <Td className="text-right">
                <div className="flex justify-end gap-1">
                  {v.number > 1 && (
                    <Link href={`${base}?tab=compare&from=${v.number - 1}&to=${v.number}`}>
                      <Button variant="ghost" size="sm">
                        Diff
                      </Button>
                    </Link>
                  )}
                  {canMove && (
                    <Button variant="secondary" size="sm" onClick={() => setPromote(v.number)}>
                      Promote…
                    </Button>
                  )}
                  {canWrite && v.number !== versions[0]?.number && (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={action.pending}
                      onClick={() => {
                        if (confirm(`Create a new version with the content and config of v${v.number}?`)) action.run(() => revertAction(ws, slug, v.number), { success: `Reverted to v${v.number}` });
                      }}
                    >
                      Revert to
                    </Button>
                  )}
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {promote !== null && <PromoteDialog ws={ws} slug={slug} version={promote} labels={labels} role={role} open onOpenChange={(o) => !o && setPromote(null)} />}
    </Card>
  );
}
