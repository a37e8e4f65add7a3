import type { Generation } from "@/db/schema";

/** The wire shape of a stored run (REST and the playground). */
export interface RunView {
  id: string;
  status: Generation["status"];
  error: string | null;
  output: string | null;
  /** "<connection>/<model id>" when the connection still exists, else the bare model id. */
  model: string;
  provider: string;
  prompt: string | null;
  /** Version number; null for draft runs. */
  version: number | null;
  isDraft: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  ttftMs: number | null;
  schemaValid: boolean | null;
  source: Generation["source"];
  params: Record<string, unknown>;
  variables: Record<string, unknown>;
  input: unknown;
  runGroupId: string | null;
  createdAt: string;
}

export function presentRun(g: Generation & { connectionName: string | null; promptSlug: string | null; versionNumber: number | null }): RunView {
  return {
    id: g.id,
    status: g.status,
    error: g.error,
    output: g.output,
    model: g.connectionName ? `${g.connectionName}/${g.model}` : g.model,
    provider: g.provider,
    prompt: g.promptSlug,
    version: g.versionNumber,
    isDraft: g.isDraft,
    inputTokens: g.inputTokens,
    outputTokens: g.outputTokens,
    costUsd: g.costUsd,
    latencyMs: g.latencyMs,
    ttftMs: g.timeToFirstTokenMs,
    schemaValid: g.schemaValid,
    source: g.source,
    params: g.params,
    variables: g.variables,
    input: g.input,
    runGroupId: g.runGroupId,
    createdAt: g.createdAt.toISOString(),
  };
}
