/**
 * The app's hooks: a document "prompt:<uuid>" is the live draft of that prompt, seeded from its latest version.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { prompts, promptVersions } from "@/db/schema/prompts";
import type { DraftInit } from "./draft-model";
import type { SeedHook } from "./persistence";
import { createRealtimeServer, type RealtimeServer, type RealtimeServerOptions } from "./server";
import { parsePromptDocName } from "./token";

/** The prompt's latest version as a draft; null when the prompt does not exist in that workspace. */
export function createPromptSeed(db: Db): SeedHook {
  return async ({ docName, workspaceId }) => {
    const id = parsePromptDocName(docName);
    if (!id) return null;
    const [prompt] = await db
      .select({ id: prompts.id, type: prompts.type, latestVersion: prompts.latestVersion })
      .from(prompts)
      .where(and(eq(prompts.id, id), eq(prompts.workspaceId, workspaceId)));
    if (!prompt) return null;
    const [version] = prompt.latestVersion
      ? await db
          .select({ number: promptVersions.number, semver: promptVersions.semver, content: promptVersions.content, config: promptVersions.config })
          .from(promptVersions)
          .where(and(eq(promptVersions.promptId, prompt.id), eq(promptVersions.number, prompt.latestVersion)))
      : [];
    const init: DraftInit = {
      type: prompt.type,
      content: version?.content ?? (prompt.type === "chat" ? [] : ""),
      config: version?.config ?? {},
      baseVersion: version?.number ?? 0,
      baseSemver: version?.semver ?? "",
    };
    return init;
  };
}

/** The workspace a prompt document belongs to (for server-side access to a document nobody has open). */
export function createPromptWorkspaceResolver(db: Db): (docName: string) => Promise<string | null> {
  return async (docName) => {
    const id = parsePromptDocName(docName);
    if (!id) return null;
    const [row] = await db.select({ workspaceId: prompts.workspaceId }).from(prompts).where(eq(prompts.id, id));
    return row?.workspaceId ?? null;
  };
}

/** The realtime server as the app runs it: token auth, membership roles, draft tables, prompt seeding. */
export function createAppRealtimeServer(opts: RealtimeServerOptions & { db: Db; secret: string }): RealtimeServer {
  return createRealtimeServer({ seed: createPromptSeed(opts.db), resolveWorkspace: createPromptWorkspaceResolver(opts.db), ...opts });
}
