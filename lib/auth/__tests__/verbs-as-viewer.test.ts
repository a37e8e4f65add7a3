import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.PROMPTYARD_SECRET ??= "test-only-provider-secret-0123456789abcdef";
});

import type { Database } from "@/db/client";
import { PERMISSIONS, roleCan, type Action } from "@/lib/auth";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createPrompt } from "@/lib/prompts";
import { createTestDatabase, uniq } from "@/lib/test/db";
import { addMember, makeWorkspace } from "@/lib/test/factories";

/*
 * Every exported verb of every domain (lib/<domain>/index.ts functions taking ({ctx, input}) or (ctx, ...)), called
 * as a viewer. VERBS names the permission each verb asks for. Where PERMISSIONS says viewers may not act, the verb
 * must refuse with `forbidden` and the table's own wording for that action; where viewers may, it must not refuse.
 * A new verb fails this test until it is listed, so the table cannot drift from what the verbs ask for.
 */
type Kind =
  | Action
  /** Not workspace-scoped: the caller is a person without a role yet (sign-up, invites, their workspace list). */
  | "account"
  /** Self-service any member may do (leave). Not called: it would end the viewer's membership. */
  | "self"
  /** Plumbing called inside another verb's transaction, which authorized first (jobs, events, audit, sampling). */
  | "plumbing"
  /** Builds a ctx for another verb; the verb it feeds authorizes. */
  | "ctx-helper";

const VERBS: Record<string, Kind> = {
  "api-keys.createApiKey": "apikeys:manage",
  "api-keys.listApiKeys": "apikeys:read",
  "api-keys.revokeApiKey": "apikeys:manage",
  "audit.verifyAuditChain": "audit:read",
  "audit.listAuditEvents": "audit:read",
  "audit.listAuditActions": "audit:read",
  "audit.exportAuditJsonl": "audit:read",
  "audit.appendAudit": "plumbing",
  "auth.getUserById": "account",
  "auth.resolveOAuthUser": "account",
  "auth.signUp": "account",
  "auth.verifyCredentials": "account",
  "drafts.commitDraft": "prompts:write",
  "drafts.issueDraftToken": "prompts:read",
  "drafts.readLiveDraft": "prompts:read",
  "drafts.resetDraftToVersion": "drafts:reset",
  "events.emit": "plumbing",
  "events.flushEvents": "plumbing",
  "generations.recordGenerations": "runs:create",
  "jobs.cancelJob": "plumbing",
  "jobs.enqueueJob": "plumbing",
  "jobs.getJob": "plumbing",
  "jobs.listJobs": "plumbing",
  "labels.labelHistory": "prompts:read",
  "labels.labelsAt": "prompts:read",
  "labels.listLabelPolicies": "prompts:read",
  "labels.assertPolicyAllows": "plumbing",
  "labels.moveLabel": "labels:move",
  "labels.rollbackLabel": "labels:move",
  "labels.setLabelPolicy": "policies:manage",
  "members.acceptInvite": "account",
  "members.describeInvite": "account",
  "members.changeRole": "members:update",
  "members.createInvite": "members:invite",
  "members.leaveWorkspace": "self",
  "members.listMembers": "members:read",
  "members.listPendingInvites": "members:read",
  "members.removeMember": "members:remove",
  "members.revokeInvite": "members:invite",
  "models.deleteModelPrice": "providers:manage",
  "models.listModelPrices": "runs:read",
  "models.setModelPrice": "providers:manage",
  "playground.loadPlaygroundSession": "prompts:read",
  "playground.savePlaygroundSession": "runs:create",
  "prompts.commitVersion": "prompts:write",
  "prompts.createPrompt": "prompts:write",
  "prompts.getPrompt": "prompts:read",
  "prompts.getPromptUsage": "prompts:read",
  "prompts.getServedVersion": "prompts:read",
  "prompts.getVersion": "prompts:read",
  "deployments.reportDeployment": "deployments:report",
  "deployments.listDeployments": "deployments:read",
  "prompts.loadRenderable": "prompts:read",
  "prompts.listPromptFacets": "prompts:read",
  "prompts.listPrompts": "prompts:read",
  "prompts.listVersions": "prompts:read",
  "prompts.previewCommit": "prompts:write",
  "prompts.renderPrompt": "prompts:read",
  "prompts.revertToVersion": "prompts:write",
  "prompts.setPromptArchived": "prompts:write",
  "prompts.updatePrompt": "prompts:write",
  "providers.createProvider": "providers:manage",
  "providers.deleteProvider": "providers:manage",
  "providers.getModelSettings": "providers:read",
  "providers.getProvider": "providers:read",
  "providers.listProviders": "providers:read",
  "providers.testConnection": "providers:manage",
  "providers.updateModelSettings": "providers:manage",
  "providers.updateProvider": "providers:manage",
  "reviews.addItems": "queues:manage",
  "reviews.createQueue": "queues:manage",
  "reviews.deleteQueue": "queues:delete",
  "reviews.exportQueueCsv": "queues:read",
  "reviews.enqueueGeneration": "plumbing",
  "reviews.enqueueGenerations": "plumbing",
  "reviews.getQueue": "queues:read",
  "reviews.getQueueStats": "queues:read",
  "reviews.listQueueReviews": "queues:read",
  "reviews.getReviewerQueue": "queues:read",
  "reviews.listAssignableReviewers": "queues:manage",
  "reviews.listQueueSourceOptions": "queues:manage",
  "reviews.listQueues": "queues:read",
  "reviews.mayBreakdown": "plumbing",
  "reviews.memberCtxForItem": "ctx-helper",
  "reviews.memberCtxForQueue": "ctx-helper",
  "reviews.nextItem": "reviews:write",
  "reviews.releaseItem": "reviews:write",
  "reviews.submitReview": "reviews:write",
  "reviews.undoLastReview": "reviews:write",
  "reviews.updateQueue": "queues:manage",
  "runs.getRun": "runs:read",
  "runs.getRunDetail": "runs:read",
  "runs.previewRunInput": "prompts:read",
  "providers.listConnectionModels": "providers:read",
  "runs.listRuns": "runs:read",
  "runs.rateGeneration": "reviews:write",
  "runs.runPrompt": "runs:create",
  "workspaces.createWorkspace": "account",
  "workspaces.getWorkspaceSummary": "workspace:read",
  "workspaces.listWorkspacesForUser": "account",
  "workspaces.renameWorkspace": "workspace:update",
};

/** The read verbs a viewer may call, written out: loosening PERMISSIONS (or mapping a verb to a looser action) fails. */
const VIEWER_MAY_CALL = [
  "drafts.issueDraftToken",
  "drafts.readLiveDraft",
  "labels.labelHistory",
  "labels.labelsAt",
  "labels.listLabelPolicies",
  "models.listModelPrices",
  "playground.loadPlaygroundSession",
  "prompts.getPrompt",
  "prompts.getPromptUsage",
  "prompts.getServedVersion",
  "prompts.getVersion",
  "prompts.loadRenderable",
  "deployments.listDeployments",
  "prompts.listPromptFacets",
  "prompts.listPrompts",
  "prompts.listVersions",
  "prompts.renderPrompt",
  "runs.getRun",
  "runs.getRunDetail",
  "runs.listRuns",
  "runs.previewRunInput",
  "workspaces.getWorkspaceSummary",
];

type Verb = { id: string; call: (ctx: WorkspaceCtx, input: Record<string, unknown>) => Promise<unknown> };

/** Exported functions whose first parameter is `{ ctx, ... }` (verbs) or `ctx` (older signature), from every index.ts. */
async function discoverVerbs(): Promise<Verb[]> {
  const lib = path.join(import.meta.dirname, "../..");
  const verbs: Verb[] = [];
  for (const domain of readdirSync(lib).sort()) {
    if (domain === "test" || !existsSync(path.join(lib, domain, "index.ts"))) continue;
    const mod = (await import(/* @vite-ignore */ path.join(lib, domain, "index.ts"))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const fn = value as (...args: unknown[]) => Promise<unknown>;
      const head = Function.prototype.toString.call(fn).slice(0, 300);
      const params = /^(?:async\s+)?function\s*[\w$]*\s*\(\s*([^)]*)/.exec(head)?.[1] ?? "";
      if (/^\{\s*ctx\b/.test(params)) verbs.push({ id: `${domain}.${name}`, call: (ctx, input) => fn({ ctx, input }) });
      else if (/^ctx\b/.test(params)) verbs.push({ id: `${domain}.${name}`, call: (ctx, input) => fn(ctx, input) });
    }
  }
  return verbs;
}

let database: Database;
let viewer: WorkspaceCtx;
let ownerId: string;
let slug: string;
let verbs: Verb[];
beforeAll(async () => {
  database = await createTestDatabase();
  const w = await makeWorkspace(database);
  ownerId = w.owner.id;
  slug = uniq("p");
  await createPrompt({ ctx: w.ctx, input: { slug, type: "text", content: "Hi {{name}}", message: "v1" } });
  viewer = (await addMember(database, w.ctx, "viewer")).ctx;
  verbs = await discoverVerbs();
});
afterAll(() => database?.close());

/** Inputs valid enough that a verb which parses before it authorizes still reaches its authorize call. */
const inputFor = (id: string): Record<string, unknown> =>
  ({
    "members.removeMember": { userId: ownerId },
    "labels.labelHistory": { slug, label: "production" },
    "labels.labelsAt": { slug, at: new Date() },
    "prompts.getVersion": { slug, version: 1 },
    "prompts.renderPrompt": { slug, version: 1, variables: { name: "Ada" } },
    "prompts.getServedVersion": { slug, version: 1 },
    "prompts.loadRenderable": { slug, version: 1 },
  })[id] ?? { slug };

async function outcome(verb: Verb): Promise<{ code: string; message: string }> {
  try {
    await verb.call(viewer, inputFor(verb.id));
    return { code: "ok", message: "" };
  } catch (e) {
    return e instanceof AppError ? { code: e.code, message: e.message } : { code: "other", message: e instanceof Error ? e.message : String(e) };
  }
}

describe("every verb as a viewer", () => {
  it("finds the verbs programmatically, and every one is listed with the permission it asks for", () => {
    const ids = verbs.map((v) => v.id);
    expect(ids.length).toBeGreaterThan(60);
    expect(ids.filter((id) => !(id in VERBS)), "new verbs: add them to VERBS with the action they authorize").toEqual([]);
    expect(Object.keys(VERBS).filter((id) => !ids.includes(id)), "listed verbs that no longer exist").toEqual([]);
  });

  it("the verbs PERMISSIONS lets viewers call are exactly the written allow-list of read verbs", () => {
    const allowed = Object.entries(VERBS)
      .filter(([, kind]) => kind in PERMISSIONS && roleCan("viewer", kind as Action))
      .map(([id]) => id)
      .sort();
    expect(allowed).toEqual([...VIEWER_MAY_CALL].sort());
  });

  it("refuses with 403 and the table's wording wherever PERMISSIONS says viewers may not act", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const verb of verbs) {
      const kind = VERBS[verb.id];
      if (!kind || !(kind in PERMISSIONS) || roleCan("viewer", kind as Action)) continue;
      const action = kind as Action;
      const got = await outcome(verb);
      checked++;
      const wording = `cannot ${PERMISSIONS[action].label.toLowerCase()}; it needs ${PERMISSIONS[action].minRole} or higher`;
      if (got.code !== "forbidden" || !got.message.includes(wording)) wrong.push(`${verb.id} (${action}): ${got.code} ${got.message}`);
    }
    expect(checked).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });

  it("lets viewers call the read verbs PERMISSIONS allows them (never a 403)", async () => {
    const refused: string[] = [];
    let checked = 0;
    for (const verb of verbs) {
      const kind = VERBS[verb.id];
      if (!kind || !(kind in PERMISSIONS) || !roleCan("viewer", kind as Action)) continue;
      checked++;
      const got = await outcome(verb);
      if (got.code === "forbidden") refused.push(`${verb.id} (${kind}): ${got.message}`);
    }
    expect(checked).toBeGreaterThan(10);
    expect(refused).toEqual([]);
  });
});
