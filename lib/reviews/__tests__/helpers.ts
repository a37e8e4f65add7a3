import type { Database } from "@/db/client";
import { generations, type Generation } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { commitVersion, createPrompt } from "@/lib/prompts";
import { uniq } from "@/lib/test/db";
import { addMember, makeWorkspace } from "@/lib/test/factories";

/** Shared by the review tests (not a test file itself). */

/** A workspace with an owner, an editor, two reviewers and a viewer, and a prompt with versions 1 and 2. */
export async function reviewWorkspace(database: Database) {
  const w = await makeWorkspace(database);
  const [editor, reviewer1, reviewer2, viewer] = [
    await addMember(database, w.ctx, "editor"),
    await addMember(database, w.ctx, "reviewer"),
    await addMember(database, w.ctx, "reviewer"),
    await addMember(database, w.ctx, "viewer"),
  ];
  const slug = uniq("rp");
  const created = await createPrompt({ ctx: w.ctx, input: { slug, type: "text", content: "Answer {{question}}", message: "v1" } });
  const v2 = await commitVersion({ ctx: w.ctx, input: { slug, content: "Answer {{question}} briefly", message: "v2" } });
  return { ...w, editor, reviewer1, reviewer2, viewer, prompt: created.prompt, v1: created.version, v2: v2.version };
}

type GenInput = Partial<typeof generations.$inferInsert> & { promptId?: string | null; promptVersionId?: string | null };

/** Stores a generation directly (no model call): the review domain only reads what a run stored. */
export async function makeGeneration(ctx: WorkspaceCtx, values: GenInput = {}): Promise<Generation> {
  const [row] = await ctx.db
    .insert(generations)
    .values({
      workspaceId: ctx.workspace.id,
      provider: "openai",
      model: "gpt-4o-mini",
      variables: { question: "why is the sky blue?" },
      input: [{ role: "user", content: "Answer why is the sky blue?" }],
      output: "Because of Rayleigh scattering.",
      inputTokens: 5,
      outputTokens: 5,
      costUsd: 0.00001,
      latencyMs: 100,
      status: "success",
      source: "production",
      ...values,
    })
    .returning();
  return row!;
}

/** n generations of version `versionId` with distinct inputs. */
export async function makeGenerations(ctx: WorkspaceCtx, n: number, values: GenInput = {}): Promise<Generation[]> {
  if (n === 0) return [];
  const rows = await ctx.db
    .insert(generations)
    .values(
      Array.from({ length: n }, (_, i) => ({
        workspaceId: ctx.workspace.id,
        provider: "openai",
        model: "gpt-4o-mini",
        variables: { question: `question ${i}` },
        input: [{ role: "user", content: `Answer question ${i}` }],
        output: `Answer number ${i}.`,
        status: "success" as const,
        source: "production" as const,
        ...values,
      })),
    )
    .returning();
  return rows;
}
