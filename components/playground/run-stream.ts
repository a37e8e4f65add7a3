"use client";

export type RunView = {
  id: string;
  status: "success" | "error";
  error: string | null;
  output: string | null;
  model: string;
  version: number | null;
  isDraft: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  ttftMs: number | null;
  schemaValid: boolean | null;
  /** The rendered input sent to the model. */
  input?: unknown;
};

/** POSTs one column's run and reads the Server-Sent Events it streams back. */
export async function streamRun(
  body: unknown,
  handlers: { onDelta: (text: string) => void; onDone: (run: RunView) => void; onError: (message: string, run?: RunView) => void },
  signal: AbortSignal,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch("/api/playground/run", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
  } catch (e) {
    if (signal.aborted) return handlers.onError("Stopped.");
    return handlers.onError(`Could not reach Promptyard: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok || !res.body) {
    const err = await res.json().catch(() => null);
    return handlers.onError(err?.error?.message ?? `The run failed (HTTP ${res.status}).`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) !== -1) {
        const chunk = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(chunk)?.[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(chunk)?.[1] ?? "null");
        if (event === "delta") handlers.onDelta(data.text);
        else if (event === "done") {
          finished = true;
          handlers.onDone(data);
        } else if (event === "error") {
          finished = true;
          handlers.onError(data.message, data.run);
        }
      }
    }
  } catch {
    if (signal.aborted) return handlers.onError("Stopped.");
  }
  if (!finished) handlers.onError(signal.aborted ? "Stopped." : "The stream ended without a result.");
}
