/**
 * `promptyard/sdk`: the TypeScript client of a Promptyard server. No server-only imports, fetch only.
 *
 *   import { createClient } from "promptyard/sdk";
 *   const py = createClient({ baseUrl: process.env.PROMPTYARD_URL, apiKey: process.env.PROMPTYARD_API_KEY });
 *   const prompt = await py.getPrompt("support/reply", { label: "production", fallback: "Hello {{name}}" });
 *   const text = prompt.compile({ name: "Ada" });
 *   py.reportGeneration({ prompt: prompt.slug, version: prompt.version ?? undefined, model: "openai/gpt-4o-mini", input: text, output });
 */
export { createClient, compile, Promptyard, PromptyardError, type ClientOptions, type GetPromptOptions, type PromptSource, type ServedPrompt } from "./client";
export { formatLockfile, LOCKFILE_NAME, LOCKFILE_VERSION, LockfileIntegrityError, parseLockfile, verifyEntry, versionHash, type LockEntry, type Lockfile, type PromptContent } from "./lockfile";
export type { GenerationReport, ReporterOptions, ReporterStats } from "./reporter";
