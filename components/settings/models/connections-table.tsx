"use client";
import { Fragment } from "react";
import { Plug } from "lucide-react";
import { deleteConnectionAction } from "@/app/w/[slug]/settings/models/actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { useServerAction } from "../use-action";
import { EditConnectionDialog } from "./edit-connection-dialog";
import { TestResult, useConnectionTest } from "./test-result";
import { defaultBaseUrl, shortKindLabel, type ConnectionRow } from "./types";

const COLUMNS = 6;

export function ConnectionsTable({ slug, connections }: { slug: string; connections: ConnectionRow[] }) {
  if (connections.length === 0) {
    return (
      <EmptyState icon={Plug} title="No connections yet">
        Add one per provider or local server with “Add connection” above. Models are then named <code className="font-mono text-xs">&lt;connection&gt;/&lt;model&gt;</code>,
        for example <code className="font-mono text-xs">openai/gpt-4o-mini</code> or <code className="font-mono text-xs">ollama/llama3.1</code>.
      </EmptyState>
    );
  }
  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th className="w-40">Kind</Th>
          <Th>Base URL</Th>
          <Th className="w-24">Key</Th>
          <Th className="w-28">Created</Th>
          <Th className="w-48" />
        </tr>
      </thead>
      <tbody>
        {connections.map((c) => (
          <ConnectionRowView key={c.id} slug={slug} connection={c} />
        ))}
      </tbody>
    </Table>
  );
}

function ConnectionRowView({ slug, connection: c }: { slug: string; connection: ConnectionRow }) {
  const test = useConnectionTest(slug);
  const remove = useServerAction();
  const detail = test.result !== null || remove.error !== null;
  // With a detail line below, the row's own bottom border would cut the pair in two.
  const cell = detail ? "border-b-0" : undefined;
  const fallback = defaultBaseUrl(c.kind);
  return (
    <Fragment>
      <tr data-testid={`connection-${c.name}`}>
        <Td className={cell}>
          <span className="font-mono text-[13px] font-medium text-zinc-900 dark:text-zinc-100">{c.name}</span>
        </Td>
        <Td className={`${cell ?? ""} whitespace-nowrap`}>{shortKindLabel(c.kind)}</Td>
        <Td className={cell}>
          {c.baseUrl ? (
            <span className="block max-w-xs truncate font-mono text-xs" title={c.baseUrl}>
              {c.baseUrl}
            </span>
          ) : (
            <span className="block max-w-xs truncate font-mono text-xs text-zinc-400" title={`${fallback} (the provider's default)`}>
              {fallback} <span className="font-sans">(default)</span>
            </span>
          )}
        </Td>
        <Td className={cell}>{c.apiKeyHint ? <span className="font-mono text-xs">{c.apiKeyHint}</span> : <span className="text-xs text-zinc-400">no key</span>}</Td>
        <Td className={`${cell ?? ""} text-xs text-zinc-500`}>{c.createdAt.slice(0, 10)}</Td>
        <Td className={`${cell ?? ""} text-right`}>
          <div className="flex justify-end gap-1">
            <Button variant="secondary" size="sm" pending={test.pending} onClick={() => test.run({ name: c.name })}>
              Test
            </Button>
            <EditConnectionDialog slug={slug} connection={c} />
            <Button
              variant="danger-ghost"
              size="sm"
              pending={remove.pending}
              onClick={() => {
                if (confirm(`Delete connection “${c.name}”? Prompts and runs using ${c.name}/… models fail until a connection with this name exists again. Past generations are kept.`)) {
                  test.setResult(null);
                  remove.run(() => deleteConnectionAction(slug, c.name), { success: `Connection ${c.name} deleted` });
                }
              }}
            >
              Delete
            </Button>
          </div>
        </Td>
      </tr>
      {detail && (
        <tr data-testid={`connection-${c.name}-detail`}>
          <Td colSpan={COLUMNS} className="pt-0">
            {remove.error ? <TestResult result={{ ok: false, message: remove.error, latencyMs: null }} /> : test.result && <TestResult result={test.result} />}
          </Td>
        </tr>
      )}
    </Fragment>
  );
}
