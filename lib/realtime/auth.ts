/**
 * The `authenticate` hook (token + path, before the WebSocket upgrade) and the `authorizeWrite` hook (the member's
 * CURRENT role from the database, cached briefly so demotion and removal take effect without a reconnect).
 */
import type { IncomingMessage } from "node:http";
import { and, eq } from "drizzle-orm";
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

export const memberKey = (m: MemberRef) => `${m.workspaceId}:${m.userId}`;

type Entry = { role: Role | null; at: number; pending?: Promise<Role | null>; generation: number };

/**
 * Caches `authorizeWrite` per member for at most `ttlMs`. `peek` is synchronous (the hot path); a value older
 * than `refreshAfterMs` is refreshed in the background so a steady writer never waits on the database.
 */
export class MembershipCache {
  private entries = new Map<string, Entry>();
  constructor(
    private readonly lookup: AuthorizeWriteHook,
    readonly ttlMs = 2000,
    private readonly refreshAfterMs = Math.floor(ttlMs * 0.6),
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached role if younger than ttlMs (kicking off a refresh when it is getting old), else undefined. */
  peek(member: MemberRef): { role: Role | null } | undefined {
    const e = this.entries.get(memberKey(member));
    if (!e) return undefined;
    const age = this.now() - e.at;
    if (age >= this.ttlMs) return undefined;
    if (age >= this.refreshAfterMs && !e.pending) void this.fetch(member).catch(() => {});
    return { role: e.role };
  }

  /** The current role from the hook (one lookup in flight per member). */
  fetch(member: MemberRef): Promise<Role | null> {
    const key = memberKey(member);
    const e = this.entries.get(key) ?? { role: null, at: 0, generation: 0 };
    if (e.pending) return e.pending;
    const generation = e.generation;
    const pending: Promise<Role | null> = this.lookup(member).then(
      (role) => {
        const cur = this.entries.get(key);
        // An invalidate() during the lookup bumped the generation: that answer may predate the change.
        if (cur && cur.generation === generation) {
          cur.role = role;
          cur.at = this.now();
        }
        if (cur?.pending === pending) cur.pending = undefined;
        return role;
      },
      (err) => {
        const cur = this.entries.get(key);
        if (cur?.pending === pending) cur.pending = undefined;
        throw err;
      },
    );
    e.pending = pending;
    this.entries.set(key, e);
    return pending;
  }

  /** Seeds the cache with a role just read (the upgrade's own check). */
  set(member: MemberRef, role: Role | null): void {
    const key = memberKey(member);
    const e = this.entries.get(key);
    if (e) Object.assign(e, { role, at: this.now() });
    else this.entries.set(key, { role, at: this.now(), generation: 0 });
  }

  invalidate(member: MemberRef): void {
    const key = memberKey(member);
    const e = this.entries.get(key);
    if (e) this.entries.set(key, { role: null, at: 0, generation: e.generation + 1 });
  }

  clear(): void {
    this.entries.clear();
  }
}
