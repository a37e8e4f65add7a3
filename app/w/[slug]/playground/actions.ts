"use server";
import { withWorkspace } from "@/lib/auth/actions";
import { readLiveDraft } from "@/lib/drafts";
import { savePlaygroundSession } from "@/lib/playground";
import { previewRunInput, rateGeneration } from "@/lib/runs";

export async function savePlaygroundAction(ws: string, prompt: string, state: unknown) {
  return withWorkspace(ws, (ctx) => savePlaygroundSession({ ctx, input: { prompt, state } }));
}

export async function rateRunAction(ws: string, generationId: string, verdict: "up" | "down" | null) {
  const res = await withWorkspace(ws, (ctx) => rateGeneration({ ctx, input: { generationId, verdict } }));
  return res.ok ? { ok: true as const, data: null } : res;
}

type PreviewSource = { kind: "version"; version: number } | { kind: "label"; label: string } | { kind: "draft" } | { kind: "freeform"; type: "text" | "chat"; content: unknown };

/** What one column would send, rendered with the current variables (a missing variable comes back as the error naming it). */
export async function previewRunAction(ws: string, input: { prompt: string | null; source: PreviewSource; variables: Record<string, unknown> }) {
  return withWorkspace(ws, async (ctx) => {
    const { source, prompt } = input;
    const selector =
      source.kind === "freeform"
        ? { freeform: { type: source.type, content: source.content } }
        : source.kind === "version"
          ? { prompt: prompt ?? "", version: source.version }
          : source.kind === "label"
            ? { prompt: prompt ?? "", label: source.label }
            : { prompt: prompt ?? "", draft: await readLiveDraft({ ctx, input: { slug: prompt ?? "" } }).then((d) => ({ content: d.content, config: d.config })) };
    // The model is not called; any well-formed reference satisfies the shared input schema.
    const { messages } = await previewRunInput({ ctx, input: { ...selector, model: "preview/none", variables: input.variables } });
    return messages.map((m) => ({ role: m.role, content: typeof m.content === "string" ? m.content : JSON.stringify(m.content) }));
  });
}
