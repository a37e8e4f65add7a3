import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/db/schema/api-keys";
import { ACTIONS, PERMISSIONS, ROLES, atLeast, grantableRoles, roleCan, roleRank, scopesCan, type Action, type Role } from "@/lib/auth/permissions";
import { authorize, can, type WorkspaceCtx } from "@/lib/context";
import type { Db } from "@/db/client";
import { expectAppError } from "@/lib/test/expect";

/**
 * The expected permission matrix, written out by hand on purpose: it is NOT derived from PERMISSIONS, so any change
 * to the table (a new action, a changed minimum role or scope) has to be made here too.
 */
const ROLE_MATRIX: Record<Action, Record<Role, boolean>> = {
  "workspace:read": { owner: true, admin: true, editor: true, reviewer: true, viewer: true },
  "workspace:update": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "settings:read": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "members:read": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "members:invite": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "members:update": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "members:remove": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "apikeys:read": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "apikeys:manage": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "prompts:read": { owner: true, admin: true, editor: true, reviewer: true, viewer: true },
  "prompts:write": { owner: true, admin: true, editor: true, reviewer: false, viewer: false },
  "drafts:reset": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "labels:move": { owner: true, admin: true, editor: true, reviewer: false, viewer: false },
  "policies:manage": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "audit:read": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "providers:read": { owner: true, admin: true, editor: true, reviewer: false, viewer: false },
  "providers:manage": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "runs:create": { owner: true, admin: true, editor: true, reviewer: false, viewer: false },
  "runs:read": { owner: true, admin: true, editor: true, reviewer: true, viewer: true },
  "reviews:write": { owner: true, admin: true, editor: true, reviewer: true, viewer: false },
  "queues:read": { owner: true, admin: true, editor: true, reviewer: true, viewer: false },
  "queues:manage": { owner: true, admin: true, editor: true, reviewer: false, viewer: false },
  "queues:delete": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
  "deployments:read": { owner: true, admin: true, editor: true, reviewer: true, viewer: true },
  "deployments:report": { owner: true, admin: true, editor: false, reviewer: false, viewer: false },
};

/** The scope an API key needs per action; undefined = keys may never do it. */
const SCOPE_MATRIX: Record<Action, ApiKeyScope | undefined> = {
  "workspace:read": undefined,
  "workspace:update": "admin",
  "settings:read": "admin",
  "members:read": "admin",
  "members:invite": "admin",
  "members:update": "admin",
  "members:remove": "admin",
  "apikeys:read": "admin",
  "apikeys:manage": "admin",
  "prompts:read": "prompts:read",
  "prompts:write": "prompts:write",
  "drafts:reset": undefined,
  "labels:move": "labels:write",
  "policies:manage": "admin",
  "audit:read": "admin",
  "providers:read": "admin",
  "providers:manage": "admin",
  "runs:create": "runs:write",
  "runs:read": "prompts:read",
  "reviews:write": undefined,
  "queues:read": "prompts:read",
  "queues:manage": "runs:write",
  "queues:delete": "admin",
  "deployments:read": "prompts:read",
  "deployments:report": "prompts:read",
};

const ALL_ROLES: Role[] = ["owner", "admin", "editor", "reviewer", "viewer"];
const NON_ADMIN_SCOPES: ApiKeyScope[] = ["prompts:read", "prompts:write", "labels:write", "runs:write", "generations:write"];

const fakeDb = {} as Db;
const ws = { id: "00000000-0000-4000-8000-000000000001", slug: "w", name: "W" };
const userCtx = (role: Role | undefined): WorkspaceCtx => ({ db: fakeDb, actor: { kind: "user", userId: "u" }, workspace: ws, role });
const keyCtx = (scopes: ApiKeyScope[]): WorkspaceCtx => ({ db: fakeDb, actor: { kind: "api_key", keyId: "k", scopes }, workspace: ws });

describe("permission table", () => {
  it("has exactly the expected actions and roles", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(ROLE_MATRIX).sort());
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(SCOPE_MATRIX).sort());
    expect([...ROLES]).toEqual(ALL_ROLES);
    expect([...API_KEY_SCOPES].sort()).toEqual([...NON_ADMIN_SCOPES, "admin"].sort());
  });

  describe.each(Object.keys(ROLE_MATRIX) as Action[])("%s", (action) => {
    it.each(ALL_ROLES)("role %s", (role) => {
      const expected = ROLE_MATRIX[action][role];
      expect(roleCan(role, action)).toBe(expected);
      expect(can(userCtx(role), action)).toBe(expected);
    });

    it("requires the expected API key scope", () => {
      expect(PERMISSIONS[action].scope).toBe(SCOPE_MATRIX[action]);
    });
  });

  it("every action has a human label (used in 403 messages)", () => {
    for (const action of ACTIONS) expect(PERMISSIONS[action].label.length).toBeGreaterThan(3);
  });
});

describe("role ranking", () => {
  it("ranks owner > admin > editor > reviewer > viewer", () => {
    expect(ALL_ROLES.map(roleRank)).toEqual([4, 3, 2, 1, 0]);
  });

  it("atLeast compares every pair by rank", () => {
    const rank: Record<Role, number> = { owner: 4, admin: 3, editor: 2, reviewer: 1, viewer: 0 };
    for (const a of ALL_ROLES) for (const b of ALL_ROLES) expect(atLeast(a, b), `${a} >= ${b}`).toBe(rank[a] >= rank[b]);
    expect(atLeast("admin", "owner")).toBe(false);
    expect(atLeast("owner", "viewer")).toBe(true);
    expect(atLeast("reviewer", "reviewer")).toBe(true);
  });

  it("grantableRoles never exceeds the granter's own role", () => {
    expect(grantableRoles("owner")).toEqual(["owner", "admin", "editor", "reviewer", "viewer"]);
    expect(grantableRoles("admin")).toEqual(["admin", "editor", "reviewer", "viewer"]);
    expect(grantableRoles("editor")).toEqual(["editor", "reviewer", "viewer"]);
    expect(grantableRoles("reviewer")).toEqual(["reviewer", "viewer"]);
    expect(grantableRoles("viewer")).toEqual(["viewer"]);
  });
});

describe("scopesCan (API keys)", () => {
  it("the admin scope grants every action that has a scope", () => {
    for (const action of Object.keys(SCOPE_MATRIX) as Action[]) {
      expect(scopesCan(["admin"], action), action).toBe(SCOPE_MATRIX[action] !== undefined);
    }
    expect(scopesCan(["admin"], "apikeys:manage")).toBe(true);
    expect(scopesCan(["admin"], "members:remove")).toBe(true);
  });

  it("an action with no scope is never allowed to keys, whatever they hold", () => {
    expect(scopesCan([...API_KEY_SCOPES], "workspace:read")).toBe(false);
    expect(scopesCan(["admin"], "workspace:read")).toBe(false);
    expect(can(keyCtx([...API_KEY_SCOPES]), "workspace:read")).toBe(false);
  });

  it("a non-admin scope grants exactly the actions that name it", () => {
    for (const action of Object.keys(SCOPE_MATRIX) as Action[]) {
      for (const scope of NON_ADMIN_SCOPES) expect(scopesCan([scope], action), `${scope} ${action}`).toBe(SCOPE_MATRIX[action] === scope);
    }
  });

  it("no scopes grant nothing", () => {
    for (const action of ACTIONS) expect(scopesCan([], action)).toBe(false);
  });
});

describe("can / authorize", () => {
  it("the system actor may do everything", () => {
    const sys: WorkspaceCtx = { db: fakeDb, actor: { kind: "system" }, workspace: ws };
    for (const action of ACTIONS) expect(can(sys, action)).toBe(true);
  });

  it("a user without a role in the workspace may do nothing", () => {
    for (const action of ACTIONS) expect(can(userCtx(undefined), action)).toBe(false);
  });

  it("authorize throws forbidden naming the role needed (users) or the scope needed (keys)", async () => {
    await expectAppError(() => authorize(userCtx("editor"), "members:invite"), "forbidden", /editor.*admin or higher/);
    await expectAppError(() => authorize(keyCtx(["prompts:read"]), "apikeys:manage"), "forbidden", /API key.*\(admin\)/);
    expect(() => authorize(userCtx("admin"), "members:invite")).not.toThrow();
    expect(() => authorize(keyCtx(["admin"]), "apikeys:manage")).not.toThrow();
  });
});
