/**
 * What may be written to logs about an error. A failed database query's error (drizzle's DrizzleQueryError)
 * carries its parameters in its message and stack: prompt content, variables, a provider key's ciphertext and
 * hint, password hashes. Logs get the statement and the database's own message, never the parameters.
 * No runtime dependencies: server.ts, lib/realtime, lib/events and lib/jobs all use it.
 */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e === "string" ? e : safeJson(e);
  const q = e as Error & { query?: unknown; params?: unknown; cause?: unknown };
  if (typeof q.query === "string" && "params" in q) {
    const c = q.cause as (Error & { code?: string }) | undefined;
    const cause = c instanceof Error ? `${c.code ? `[${c.code}] ` : ""}${redactValues(c.message)}` : "unknown cause";
    return `Failed query (parameters withheld): ${q.query}\n  cause: ${cause}${stackFrames(q)}`;
  }
  const text = e.stack ?? `${e.name}: ${e.message}`;
  const withCause = q.cause !== undefined && q.cause !== e ? `${text}\n  caused by: ${describeError(q.cause)}` : text;
  // Defensive: any error that quotes a failed query somewhere in its text.
  return withCause.replace(/\nparams: [^\n]*/g, "\nparams: (withheld)");
}

/**
 * One line, no stack, for stored or repeated messages (a job's last error, a subscriber failure). A failed
 * query reads "Failed query (parameters withheld): <sql> cause: ..."; any other error its message (prefixed by
 * its name unless `bare`).
 */
export function errorSummary(e: unknown, max = 500, opts: { bare?: boolean } = {}): string {
  const q = e as { query?: unknown } | null;
  const isQuery = e instanceof Error && typeof q?.query === "string" && "params" in (e as object);
  const text = isQuery || !(e instanceof Error)
    ? describeError(e).split("\n").filter((l) => !/^\s+at /.test(l)).join(" ")
    : (opts.bare ? e.message || e.name : `${e.name}: ${e.message}`).replace(/\nparams: [^\n]*/g, "\nparams: (withheld)");
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}

/** console.error with describeError: `logError("[promptyard] request failed", e)`. */
export function logError(context: string, e: unknown): void {
  console.error(`${context}: ${describeError(e)}`);
}

/** The database quotes offending values in its messages (`invalid input syntax for type integer: "..."`). */
function redactValues(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"(withheld)"').replace(/\)=\([^)]*\)/g, ")=(withheld)");
}

function stackFrames(e: Error): string {
  const frames = (e.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  return frames.length ? `\n${frames.slice(0, 8).join("\n")}` : "";
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
