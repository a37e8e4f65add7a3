import "server-only";
import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { ensureDemoReviews } from "./demo-reviews";
import { ensureDemoPrompts } from "./demo-prompts";
import { auditEnsured, ensureMember, ensureUser, ensureWorkspace, systemAuditCtx } from "./ensure";

export const DEMO_WORKSPACE = { slug: "demo", name: "Acme Support (demo)" };
export const DEMO_PASSWORD = "promptyard-demo";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "demo@promptyard.dev", name: "Demo Owner", role: "owner" },
  { email: "priya@promptyard.dev", name: "Priya Raman", role: "editor" },
  { email: "marco@promptyard.dev", name: "Marco Bellini", role: "reviewer" },
  { email: "dana@promptyard.dev", name: "Dana Okafor", role: "viewer" },
];

/** The demo workspace and its people (one per role), created once; later capabilities add their demo content here. */
export async function ensureDemo(db: Db) {
  return db.transaction(async (tx) => {
    const ws = await ensureWorkspace(tx, DEMO_WORKSPACE);
    const audit = systemAuditCtx(tx, ws);
    await auditEnsured(audit, "demo", { workspaceCreated: ws.created });
    const people: Record<string, { id: string; role: Role }> = {};
    for (const u of DEMO_USERS) {
      const { user } = await ensureUser(tx, { email: u.email, name: u.name, password: DEMO_PASSWORD });
      const m = await ensureMember(tx, ws.id, user.id, u.role);
      await auditEnsured(audit, "demo", { member: { userId: user.id, email: user.email, role: u.role, added: m.added } });
      people[u.email] = { id: user.id, role: m.role };
    }
    await ensureDemoPrompts(tx, { id: ws.id, slug: ws.slug, name: ws.name }, people, "priya@promptyard.dev", "demo@promptyard.dev");
    try {
      // A savepoint: demo review content must never stop the start-up.
      await tx.transaction((sp) => ensureDemoReviews(sp, { id: ws.id, slug: ws.slug, name: ws.name }, people, "priya@promptyard.dev", ["marco@promptyard.dev", "demo@promptyard.dev"]));
    } catch (e) {
      console.warn(`[promptyard] demo review queues skipped: ${e instanceof Error ? e.message : e}`);
    }
    return { workspace: ws.slug, users: DEMO_USERS.map((u) => ({ email: u.email, role: u.role })), password: DEMO_PASSWORD };
  });
}
