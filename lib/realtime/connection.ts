/**
 * One client socket on one document: decodes frames, answers sync and awareness queries, applies updates only
 * while the member may write, rate-limits, and never lets an error escape an event handler.
 */
import type { RawData, WebSocket } from "ws";
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Role } from "@/db/schema/workspaces";
import { canWrite, type MembershipCache, type RealtimeSession } from "./auth";
import type { LiveDoc, Peer } from "./documents";
import { probeUpdate } from "./guard-update";
import { assertValidStateVector, assertValidUpdate, decodeClientMessage, encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, ProtocolError, type ClientMessage } from "./protocol";

/** WebSocket close codes used here (1002/1003/1008 from RFC 6455; 44xx mirror HTTP). */
export const CLOSE = {
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  policyViolation: 1008,
  internalError: 1011,
  forbidden: 4403,
  /** An edit would have left the draft in a shape nobody can use; it was refused. The reason says why. */
  invalidDraft: 4422,
} as const;

export interface ConnectionLimits {
  /** Token bucket: sustained messages per second and burst size. */
  ratePerSecond: number;
  burst: number;
  /** Close a client that cannot keep up once this much is buffered for it. */
  maxBufferedBytes: number;
}

export interface ConnectionHost {
  memberships: MembershipCache;
  limits: ConnectionLimits;
  onError(message: string, error: unknown): void;
  onClose(conn: Connection): void;
}

const OPEN = 1;

export class Connection implements Peer {
  readonly controlled = new Set<number>();
  alive = true;
  closed = false;
  private tokens: number;
  private refilledAt = Date.now();
  /** Frames waiting behind a membership lookup, in arrival order. */
  private inbox: Uint8Array[] = [];
  private blocked = false;

  constructor(
    readonly ws: WebSocket,
    readonly live: LiveDoc,
    readonly session: RealtimeSession,
    private readonly host: ConnectionHost,
  ) {
    this.tokens = host.limits.burst;
    ws.on("message", (data, isBinary) => this.guard("message", () => this.onFrame(data, isBinary)));
    ws.on("pong", () => (this.alive = true));
    ws.on("error", (e) => this.guard("socket error", () => this.host.onError(`socket of ${session.userId} on ${live.name}`, e)));
    ws.on("close", () => this.guard("close", () => this.dispose()));
  }

  get member() {
    return { userId: this.session.userId, workspaceId: this.session.workspaceId };
  }

  /** Greets a new client: our state vector (so it sends what we lack) and everyone's awareness. */
  start(): void {
    if (canWrite(this.session.role)) this.send(encodeSyncStep1(this.live.doc));
    this.sendAwareness();
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== OPEN) return;
    if (this.ws.bufferedAmount > this.host.limits.maxBufferedBytes) {
      this.close(CLOSE.policyViolation, "too slow");
      return;
    }
    this.ws.send(message);
  }

  close(code: number, reason = ""): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    this.dispose();
  }

  /** After the member's role changed: drop them when no longer a member (their writes are gated per message). */
  applyRole(role: Role | null): void {
    if (role === null) this.close(CLOSE.forbidden, "no longer a member");
  }

  private disposed = false;

  private dispose(): void {
    this.closed = true;
    this.inbox = [];
    if (this.disposed) return;
    this.disposed = true;
    this.host.onClose(this);
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.host.onError(`${what} on ${this.live.name} failed`, e);
      this.close(CLOSE.internalError, "internal error");
    }
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    this.alive = true;
    if (!this.takeToken()) return this.close(CLOSE.policyViolation, "rate limit exceeded");
    if (!isBinary) return this.close(CLOSE.unsupportedData, "binary frames only");
    const frame = toBytes(data);
    if (this.blocked) this.inbox.push(frame);
    else this.process(frame);
  }

  private takeToken(): boolean {
    const { ratePerSecond, burst } = this.host.limits;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) * ratePerSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private process(frame: Uint8Array, afterLookup = false): void {
    let msg: ClientMessage;
    try {
      msg = decodeClientMessage(frame);
      if (msg.kind === "sync-update") assertValidUpdate(msg.update);
      if (msg.kind === "sync-step1") assertValidStateVector(msg.stateVector);
    } catch (e) {
      return this.close(CLOSE.protocolError, e instanceof ProtocolError ? e.message.slice(0, 120) : "malformed message");
    }
    switch (msg.kind) {
      case "sync-step1":
        this.send(encodeSyncStep2(this.live.doc, msg.stateVector));
        return;
      case "query-awareness":
        this.sendAwareness();
        return;
      case "awareness":
        // Everyone's cursors are relayed, read-only members' included.
        try {
          awarenessProtocol.applyAwarenessUpdate(this.live.awareness, msg.update, this);
        } catch {
          this.close(CLOSE.protocolError, "malformed awareness update");
        }
        return;
      case "sync-update":
        return this.write(frame, msg.update, afterLookup);
    }
  }

  private write(frame: Uint8Array, update: Uint8Array, afterLookup: boolean): void {
    // The token is a ceiling: a viewer's token never writes, whatever the database says now.
    if (!canWrite(this.session.role)) return;
    const cached = this.host.memberships.peek(this.member);
    if (!cached) {
      // Failed lookup: deny rather than loop.
      if (afterLookup) return;
      return this.waitForRole(frame);
    }
    if (cached.role === null) return this.close(CLOSE.forbidden, "no longer a member");
    if (!canWrite(cached.role)) return; // demoted: dropped, never applied, stored nor broadcast
    const problem = probeUpdate(this.live.doc, update);
    if (problem) {
      this.host.onError(`refused an update to ${this.live.name} from user ${this.session.userId}`, problem);
      return this.close(CLOSE.invalidDraft, `edit refused: ${problem}`.slice(0, 120));
    }
    try {
      Y.applyUpdate(this.live.doc, update, this);
    } catch (e) {
      this.host.onError(`applying an update to ${this.live.name} failed`, e);
      this.close(CLOSE.protocolError, "update could not be applied");
    }
  }

  /** Holds this frame and every later one until the member's current role is known. */
  private waitForRole(frame: Uint8Array): void {
    this.blocked = true;
    const resume = () =>
      this.guard("resume", () => {
        this.blocked = false;
        if (this.closed) return;
        this.process(frame, true);
        while (!this.blocked && !this.closed && this.inbox.length) this.process(this.inbox.shift()!);
      });
    this.host.memberships.fetch(this.member).then(resume, (e) => {
      this.host.onError(`checking the role of ${this.session.userId} failed`, e);
      resume();
    });
  }

  private sendAwareness(): void {
    const states = this.live.awareness.getStates();
    if (states.size === 0) return;
    this.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.live.awareness, [...states.keys()])));
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
