import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/*
 * The layering rules of eslint.config.mjs, exercised on small snippets at real paths, so a config edit that makes a
 * rule silently stop firing (a glob that no longer matches, a regex that lets everything through) fails here.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("layering in lint", () => {
  it("across domains only the index (or pure/, wire, a listed entry point) may be imported", async () => {
    expect(await restricted('import { getPromptInWorkspace } from "@/lib/prompts/internal";\nvoid getPromptInWorkspace;\n', "lib/labels/x.ts")).toEqual([
      expect.stringMatching(/internal\.ts is private/),
    ]);
    expect(await restricted('import { resolveIncludes } from "@/lib/prompts/components";\nvoid resolveIncludes;\n', "lib/runs/x.ts")).toEqual([
      expect.stringMatching(/Across domains import only/),
    ]);
    expect(await restricted('import { getPromptInWorkspace } from "@/lib/prompts";\nvoid getPromptInWorkspace;\n', "lib/labels/x.ts")).toEqual([]);
    expect(await restricted('import { canonicalJson } from "@/lib/prompts/pure/canonical-json";\nvoid canonicalJson;\n', "lib/labels/x.ts")).toEqual([]);
    expect(await restricted('import { withLoadedDoc } from "@/lib/realtime/registry";\nvoid withLoadedDoc;\n', "lib/drafts/sub/x.ts")).toEqual([]);
    // Within a domain anything goes; tests are exempt.
    expect(await restricted('import { getPromptInWorkspace } from "@/lib/prompts/internal";\nvoid getPromptInWorkspace;\n', "lib/prompts/x.ts")).toEqual([]);
    expect(await restricted('import { getPromptInWorkspace } from "@/lib/prompts/internal";\nvoid getPromptInWorkspace;\n', "lib/labels/__tests__/x.test.ts")).toEqual([]);
    // app/ and server.ts are held to the same surface.
    expect(await restricted('import { hashApiKey } from "@/lib/api-keys/internal";\nvoid hashApiKey;\n', "app/api/v1/x/route.ts")).toHaveLength(1);
    expect(await restricted('import { x } from "@/lib/auth/client-ip";\nvoid x;\n', "server.ts")).toHaveLength(1);
  });

  it("relative paths may not climb into another domain", async () => {
    expect(await restricted('import { a } from "../prompts/internal";\nvoid a;\n', "lib/labels/x.ts")).toHaveLength(1);
    expect(await restricted('import { a } from "../../prompts/components";\nvoid a;\n', "lib/labels/sub/x.ts")).toHaveLength(1);
    expect(await restricted('import { a } from "../internal";\nvoid a;\n', "lib/labels/sub/x.ts")).toEqual([]);
  });

  it("no next/* under lib/realtime, lib/jobs, lib/events, lib/runtime", async () => {
    for (const file of ["lib/realtime/x.ts", "lib/jobs/x.ts", "lib/events/sub/x.ts", "lib/runtime/x.ts"]) {
      expect(await restricted('import { headers } from "next/headers";\nvoid headers;\n', file), file).toEqual([expect.stringMatching(/no next\/\* imports/)]);
    }
    expect(await restricted('import { headers } from "next/headers";\nvoid headers;\n', "lib/auth/x.ts")).toEqual([]);
  });

  it("components may import types, not values, from server-only lib modules", async () => {
    expect(await restricted('import { verifyAuditChain } from "@/lib/audit";\nvoid verifyAuditChain;\n', "components/x.tsx")).toEqual([expect.stringMatching(/Server-only/)]);
    expect(await restricted('import { signIn } from "@/lib/auth/next";\nvoid signIn;\n', "components/auth/x.tsx")).toEqual([expect.stringMatching(/Server-only/)]);
    expect(await restricted('import type { AuditVerifyResult } from "@/lib/audit";\nexport type X = AuditVerifyResult;\n', "components/x.tsx")).toEqual([]);
    expect(await restricted('import { canonicalJson } from "@/lib/hash/pure";\nvoid canonicalJson;\n', "components/x.tsx")).toEqual([]);
    expect(await restricted('import { db } from "@/db/client";\nvoid db;\n', "components/x.tsx")).toEqual([expect.stringMatching(/never db\//)]);
  });

  it("lib/<domain>/pure stays browser-safe: no node:*, server-only, db, or server-only lib values", async () => {
    expect(await restricted('import { createHash } from "node:crypto";\nvoid createHash;\n', "lib/reviews/pure/x.ts")).toHaveLength(1);
    expect(await restricted('import "server-only";\n', "lib/prompts/pure/x.ts")).toHaveLength(1);
    expect(await restricted('import { hashVersion } from "@/lib/hash";\nvoid hashVersion;\n', "lib/prompts/pure/x.ts")).toEqual([expect.stringMatching(/Server-only/)]);
    expect(await restricted('import { canonicalJson } from "@/lib/hash/pure";\nvoid canonicalJson;\n', "lib/prompts/pure/x.ts")).toEqual([]);
    expect(await restricted('import { z } from "zod";\nvoid z;\n', "lib/prompts/pure/x.ts")).toEqual([]);
  });
});
