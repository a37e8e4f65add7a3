/**
 * The `authenticate` hook (token + path, before the WebSocket upgrade) and the `authorizeWrite` hook (the member's
 * CURRENT role from the database, cached briefly so demotion and removal take effect without a reconnect).
 */
import type { IncomingMessage } from "node:http";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, type Role } from "@/db/schema/workspaces";
import { REALTIME_PATH_PREFIX, RealtimeTokenError, verifyRealtimeToken, type RealtimeTokenPayload } from "./token";

/** Who is on a connection: the verified token. `role` is the role the token was minted with (a ceiling). */
export type RealtimeSession = RealtimeTokenPayload;

export interface AuthenticateInput {
  docName: string;
  token: string | null;
  request: IncomingMessage;
}
/** Resolves the session or throws (RealtimeAuthError for a clean HTTP status). */
export type AuthenticateHook = (input: AuthenticateInput) => RealtimeSession | Promise<RealtimeSession>;

export type MemberRef = { userId: string; workspaceId: string };
/** The member's current role, or null when they are no longer a member. */
export type AuthorizeWriteHook = (member: MemberRef) => Promise<Role | null>;

export class RealtimeAuthError extends Error {
  readonly status: 401 | 403 | 404;
  constructor(status: 401 | 403 | 404, message: string) {
    super(message);
    this.name = "RealtimeAuthError";
    this.status = status;
  }
}

export const WRITE_ROLES: readonly Role[] = ["owner", "admin", "editor"];
export const canWrite = (role: Role | null | undefined): boolean => role != null && WRITE_ROLES.includes(role);

/** `/realtime/<url-encoded doc>?token=...` -> its parts; null for any other path. */
export function parseRealtimeUrl(url: string | undefined): { docName: string; token: string | null } | null {
  if (!url || !url.startsWith(REALTIME_PATH_PREFIX)) return null;
  const q = url.indexOf("?");
  const raw = url.slice(REALTIME_PATH_PREFIX.length, q === -1 ? undefined : q);
  if (!raw || raw.includes("/")) return { docName: "", token: null };
  let docName: string;
  try {
    docName = decodeURIComponent(raw);
  } catch {
    return { docName: "", token: null };
  }
  const token = q === -1 ? null : new URLSearchParams(url.slice(q + 1)).get("token");
  return { docName, token };
}

/** The default `authenticate`: a valid, unexpired token signed with `secret`, naming exactly this document. */
export function createTokenAuthenticator(secret: string): AuthenticateHook {
  return ({ docName, token }) => {
    let session: RealtimeSession;
    try {
      session = verifyRealtimeToken(token, secret);
    } catch (e) {
      if (e instanceof RealtimeTokenError) throw new RealtimeAuthError(401, e.message);
      throw e;
    }
    if (!docName || session.doc !== docName) throw new RealtimeAuthError(401, "Realtime token is for another document.");
    return session;
  };
}

/** Current roles of many members at once (background refresh); members missing from the map are no longer members. */
export type AuthorizeWriteManyHook = (members: MemberRef[]) => Promise<Map<string, Role>>;

/** The default `authorizeWrite`: one read of the membership table. */
export function createMembershipLookup(db: Db): AuthorizeWriteHook {
  return async ({ userId, workspaceId }) => {
    const [row] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    return row?.role ?? null;
  };
}

/** The default `authorizeWriteMany`: one query for many members. */
export function createMembershipLookupMany(db: Db): AuthorizeWriteManyHook {
  return async (members) => {
    const out = new Map<string, Role>();
    if (!members.length) return out;
    const wanted = new Set(members.map(memberKey));
    const rows = await db
      .select({ userId: memberships.userId, workspaceId: memberships.workspaceId, role: memberships.role })
      .from(memberships)
      .where(inArray(memberships.userId, [...new Set(members.map((m) => m.userId))]));
    for (const r of rows) if (wanted.has(memberKey(r))) out.set(memberKey(r), r.role);
    return out;
  };
}

export const memberKey = (m: MemberRef) => `${m.workspaceId}:${m.userId}`;

type Entry = { member: MemberRef; role: Role | null; at: number; usedAt: number; pending?: Promise<Role | null>; generation: number };

/**
 * Caches `authorizeWrite` per member for at most `ttlMs`. `peek` is synchronous (the hot path). Entries in use are
 * refreshed in the background before they expire, all due members in ONE `lookupMany` query when given, so steady
 * writers never wait on the database and a busy document costs about one membership query per TTL.
 */
export class MembershipCache {
  private entries = new Map<string, Entry>();
  private batch?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly lookup: AuthorizeWriteHook,
    readonly ttlMs = 2000,
    private readonly opts: { lookupMany?: AuthorizeWriteManyHook; now?: () => number } = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** The cached role if younger than ttlMs (scheduling a refresh past half its life), else undefined. */
  peek(member: MemberRef): { role: Role | null } | undefined {
    const e = this.entries.get(memberKey(member));
    if (!e) return undefined;
    const now = this.now();
    const age = now - e.at;
    if (age >= this.ttlMs) return undefined;
    e.usedAt = now;
    if (age >= this.ttlMs / 2 && !e.pending) this.scheduleRefresh();
    return { role: e.role };
  }

  /** The current role from the database (one lookup in flight per member). */
  fetch(member: MemberRef): Promise<Role | null> {
    const e = this.entry(member);
    if (e.pending) return e.pending;
    this.track([e], this.lookup(member).then((role) => new Map(role ? [[memberKey(member), role]] : [])));
    return e.pending!;
  }

  /** Fresh roles for many members (forgetting what is cached), in one query when `lookupMany` is given. */
  async fetchMany(members: MemberRef[]): Promise<Map<string, Role | null>> {
    for (const m of members) this.invalidate(m);
    const list = members.map((m) => this.entry(m));
    if (this.opts.lookupMany && list.length) this.track(list, this.opts.lookupMany(members));
    const roles = await Promise.all(members.map((m) => this.fetch(m)));
    return new Map(members.map((m, i) => [memberKey(m), roles[i]!]));
  }

  invalidate(member: MemberRef): void {
    const key = memberKey(member);
    const e = this.entries.get(key);
    if (e) this.entries.set(key, { member, role: null, at: -Infinity, usedAt: e.usedAt, generation: e.generation + 1 });
  }

  clear(): void {
    if (this.batch) clearTimeout(this.batch);
    this.batch = undefined;
    this.entries.clear();
  }

  private entry(member: MemberRef): Entry {
    const key = memberKey(member);
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { member, role: null, at: -Infinity, usedAt: this.now(), generation: 0 }));
    return e;
  }

  private scheduleRefresh(): void {
    if (this.batch) return;
    this.batch = setTimeout(() => {
      this.batch = undefined;
      this.refreshInUse();
    }, Math.min(100, this.ttlMs / 10));
    this.batch.unref?.();
  }

  /** Every member used within the TTL whose entry is past a quarter of its life, in one query when possible. */
  private refreshInUse(): void {
    const now = this.now();
    const due = [...this.entries.values()].filter((e) => !e.pending && now - e.usedAt < this.ttlMs && now - e.at >= this.ttlMs / 4);
    if (!due.length) return;
    if (!this.opts.lookupMany) {
      for (const e of due) this.fetch(e.member).catch(() => {});
      return;
    }
    this.track(due, this.opts.lookupMany(due.map((e) => e.member)));
  }

  /** Points entries at a lookup in flight; its answer lands only if no invalidate() happened meanwhile. */
  private track(list: Entry[], result: Promise<Map<string, Role>>): void {
    for (const e of list) {
      const key = memberKey(e.member);
      const generation = e.generation;
      const pending: Promise<Role | null> = result.then(
        (roles) => {
          const role = roles.get(key) ?? null;
          const cur = this.entries.get(key);
          if (cur && cur.generation === generation) {
            cur.role = role;
            cur.at = this.now();
          }
          if (cur?.pending === pending) cur.pending = undefined;
          return role;
        },
        (err: unknown) => {
          const cur = this.entries.get(key);
          if (cur?.pending === pending) cur.pending = undefined;
          throw err;
        },
      );
      pending.catch(() => {}); // background refreshes nobody awaits must not be unhandled rejections
      e.pending = pending;
    }
  }
}
