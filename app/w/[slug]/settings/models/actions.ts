"use server";
import { revalidatePath } from "next/cache";
import { withWorkspace } from "@/lib/auth/actions";
import { deleteModelPrice, setModelPrice, type SetModelPriceInput } from "@/lib/models";
import {
  createProvider,
  deleteProvider,
  testConnection,
  updateModelSettings,
  updateProvider,
  type CreateProviderInput,
  type TestConnectionInput,
  type UpdateModelSettingsInput,
  type UpdateProviderInput,
} from "@/lib/providers";

// Connections and prices feed the playground and cost columns elsewhere in the workspace.
const refresh = (slug: string) => revalidatePath(`/w/${slug}`, "layout");

export async function createConnectionAction(slug: string, input: CreateProviderInput) {
  const res = await withWorkspace(slug, (ctx) => createProvider({ ctx, input }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: { name: res.data.name } } : res;
}

export async function updateConnectionAction(slug: string, input: UpdateProviderInput) {
  const res = await withWorkspace(slug, (ctx) => updateProvider({ ctx, input }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: { name: res.data.name } } : res;
}

export async function deleteConnectionAction(slug: string, name: string) {
  const res = await withWorkspace(slug, (ctx) => deleteProvider({ ctx, input: { name } }));
  if (res.ok) refresh(slug);
  return res;
}

/** A saved connection ({ name }) or unsaved settings ({ kind, baseUrl, apiKey }); provider failures come back as data.ok = false. */
export async function testConnectionAction(slug: string, input: TestConnectionInput) {
  return withWorkspace(slug, (ctx) => testConnection({ ctx, input }));
}

export async function updateModelSettingsAction(slug: string, input: UpdateModelSettingsInput) {
  const res = await withWorkspace(slug, (ctx) => updateModelSettings({ ctx, input }));
  if (res.ok) refresh(slug);
  return res;
}

export async function setModelPriceAction(slug: string, input: SetModelPriceInput) {
  const res = await withWorkspace(slug, (ctx) => setModelPrice({ ctx, input }));
  if (res.ok) refresh(slug);
  return res.ok ? { ok: true as const, data: { model: res.data.model } } : res;
}

export async function deleteModelPriceAction(slug: string, model: string) {
  const res = await withWorkspace(slug, (ctx) => deleteModelPrice({ ctx, input: { model } }));
  if (res.ok) refresh(slug);
  return res;
}
