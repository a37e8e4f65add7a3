"use server";
import { withWorkspace } from "@/lib/auth/actions";
import { savePlaygroundSession } from "@/lib/playground";
import { rateGeneration } from "@/lib/runs";

export async function savePlaygroundAction(ws: string, prompt: string, state: unknown) {
  return withWorkspace(ws, (ctx) => savePlaygroundSession({ ctx, input: { prompt, state } }));
}

export async function rateRunAction(ws: string, generationId: string, verdict: "up" | "down" | null) {
  const res = await withWorkspace(ws, (ctx) => rateGeneration({ ctx, input: { generationId, verdict } }));
  return res.ok ? { ok: true as const, data: null } : res;
}
