import { vi } from "vitest";
import type { Database } from "@/db/client";
import { createPrompt } from "@/lib/prompts";
import type { WorkspaceCtx } from "@/lib/context";
import { uniq } from "@/lib/test/db";

/** Shared by the provider, model and run tests (not a test file itself). */

/** Everything written to console.* while it is installed, to prove a secret never reaches the logs. */
export function captureConsole() {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    }),
  );
  return {
    output: () => lines.join("\n"),
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
}

/** A text prompt with one version; returns its slug. */
export async function textPrompt(ctx: WorkspaceCtx, content: string, config?: Record<string, unknown>) {
  const slug = uniq("p");
  await createPrompt({ ctx, input: { slug, type: "text", content, config, message: "v1" } });
  return slug;
}

export async function chatPrompt(ctx: WorkspaceCtx, content: { role: "system" | "user" | "assistant"; content: string }[], config?: Record<string, unknown>) {
  const slug = uniq("c");
  await createPrompt({ ctx, input: { slug, type: "chat", content, config, message: "v1" } });
  return slug;
}

export type { Database };
