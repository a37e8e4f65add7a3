"use client";
/**
 * One-time Monaco setup. Import this module only from client code that is loaded with `dynamic(..., { ssr: false })`:
 * it evaluates monaco-editor, which needs `window`.
 *
 * - Monaco comes from the local `monaco-editor` package (bundled), never from the CDN that @monaco-editor/react
 *   uses by default: `loader.config({ monaco })`.
 * - Workers are bundled too: the editor worker (diff computation, links, word-based suggestions) and the JSON
 *   worker (validation, formatting, folding for `language="json"`). Neither fetches anything over the network;
 *   JSON schema requests stay off (`enableSchemaRequest: false`).
 * - The `promptyard-template` language and the promptyard-light / promptyard-dark themes are registered once.
 */
import * as monaco from "monaco-editor";
import { loader } from "@monaco-editor/react";
import { registerTemplateLanguage } from "./template-language";

type MonacoEnvironmentShape = { getWorker(workerId: string, label: string): Worker };

let done = false;

export function setupMonaco(): typeof monaco {
  if (done || typeof window === "undefined") return monaco;
  done = true;

  (self as unknown as { MonacoEnvironment: MonacoEnvironmentShape }).MonacoEnvironment = {
    getWorker(_workerId, label) {
      if (label === "json") {
        return new Worker(new URL("monaco-editor/language/json/json.worker", import.meta.url), { type: "module", name: "monaco-json" });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker", import.meta.url), { type: "module", name: "monaco-editor" });
    },
  };

  loader.config({ monaco });
  registerTemplateLanguage(monaco);
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [],
  });
  return monaco;
}

setupMonaco();

export { monaco };
export type MonacoApi = typeof monaco;
