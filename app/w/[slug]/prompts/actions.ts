"use server";
import { revalidatePath } from "next/cache";
import { withWorkspace } from "@/lib/auth/actions";
import { commitDraft, resetDraftToVersion } from "@/lib/drafts";
import { moveLabel, rollbackLabel, setLabelPolicy } from "@/lib/labels";
import { commitVersion, createPrompt, previewCommit, revertToVersion, setPromptArchived, updatePrompt } from "@/lib/prompts";
import type { Role } from "@/lib/auth";

const refresh = (ws: string) => revalidatePath(`/w/${ws}`, "layout");

export async function createPromptAction(ws: string, { content: given, ...input }: { slug: string; type: "text" | "chat"; description?: string; tags?: string[]; isComponent?: boolean; content?: unknown }) {
  // Given content (the playground's "Save as prompt") becomes version 1; otherwise a starter template.
  const content = given !== undefined ? given : input.type === "chat" ? [{ role: "system", content: "You are a helpful assistant." }, { role: "user", content: "{{question}}" }] : "You are a helpful assistant.";
  const res = await withWorkspace(ws, (ctx) => createPrompt({ ctx, input: { ...input, content, message: "Create prompt" } }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: { slug: res.data.prompt.slug } } : res;
}

export async function commitVersionAction(ws: string, input: { slug: string; content: unknown; config: unknown; message: string; semver?: string }) {
  const res = await withWorkspace(ws, (ctx) => commitVersion({ ctx, input }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: { version: res.data.version.number, semver: res.data.version.semver } } : res;
}

export async function revertAction(ws: string, slug: string, version: number) {
  const res = await withWorkspace(ws, (ctx) => revertToVersion({ ctx, input: { slug, version } }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: { version: res.data.version.number } } : res;
}

export async function moveLabelAction(ws: string, input: { slug: string; label: string; version: number; reason: string; kind?: "promote" | "rollback" }) {
  const res = await withWorkspace(ws, (ctx) => moveLabel({ ctx, input }));
  if (res.ok) refresh(ws);
  return res;
}

export async function rollbackLabelAction(ws: string, input: { slug: string; label: string; reason?: string }) {
  const res = await withWorkspace(ws, (ctx) => rollbackLabel({ ctx, input }));
  if (res.ok) refresh(ws);
  return res;
}

export async function updatePromptAction(ws: string, input: { slug: string; description?: string; tags?: string[]; isComponent?: boolean }) {
  const res = await withWorkspace(ws, (ctx) => updatePrompt({ ctx, input }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: null } : res;
}

export async function archivePromptAction(ws: string, slug: string, archived: boolean) {
  const res = await withWorkspace(ws, (ctx) => setPromptArchived({ ctx, input: { slug, archived } }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: null } : res;
}

export async function setLabelPolicyAction(ws: string, label: string, minRole: Role) {
  const res = await withWorkspace(ws, (ctx) => setLabelPolicy({ ctx, input: { label, minRole } }));
  if (res.ok) refresh(ws);
  return res;
}

export async function previewCommitAction(ws: string, input: { slug: string; content: unknown; config: unknown }) {
  return withWorkspace(ws, (ctx) => previewCommit({ ctx, input }));
}

export async function commitDraftAction(ws: string, input: { slug: string; message: string; semver?: string }) {
  const res = await withWorkspace(ws, (ctx) => commitDraft({ ctx, input }));
  if (res.ok) refresh(ws);
  return res.ok ? { ok: true as const, data: { version: res.data.version.number, semver: res.data.version.semver } } : res;
}

export async function resetDraftAction(ws: string, input: { slug: string; version: number }) {
  return withWorkspace(ws, (ctx) => resetDraftToVersion({ ctx, input }));
}
