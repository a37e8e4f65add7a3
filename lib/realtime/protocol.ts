/**
 * The y-websocket wire format: [messageType varUint, ...]. 0 = sync (y-protocols/sync: step1, step2, update),
 * 1 = awareness, 2 = auth (server -> client only), 3 = query awareness.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type ClientMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query-awareness" };

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

/** Decodes one client frame; throws ProtocolError for anything malformed or unknown. Never touches a document. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    let msg: ClientMessage;
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(decoder);
        if (sub === SYNC_STEP1) msg = { kind: "sync-step1", stateVector: decoding.readVarUint8Array(decoder) };
        else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) msg = { kind: "sync-update", update: decoding.readVarUint8Array(decoder) };
        else throw new ProtocolError(`unknown sync message type ${sub}`);
        break;
      }
      case MESSAGE_AWARENESS:
        msg = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
        break;
      case MESSAGE_QUERY_AWARENESS:
        msg = { kind: "query-awareness" };
        break;
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after the message");
    return msg;
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError(`malformed message: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Fully decodes a Yjs update (structs and delete set) without applying it: throws when it is malformed. */
export function assertValidUpdate(update: Uint8Array): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (e) {
    throw new ProtocolError(`malformed Yjs update: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Shapes Yjs would only trip over half-way through applying (an empty delete range, an empty struct).
  for (const s of decoded.structs) {
    if (!(s.length > 0) || s.id.clock < 0) throw new ProtocolError("malformed Yjs update: empty struct");
    if (s instanceof Y.Item) {
      // A reference into its own client must point backwards; Yjs assumes so and throws mid-apply otherwise.
      const parentId = s.parent instanceof Y.ID ? s.parent : null;
      for (const ref of [s.origin, s.rightOrigin, parentId]) {
        if (ref && ref.client === s.id.client && ref.clock >= s.id.clock) throw new ProtocolError("malformed Yjs update: forward reference");
      }
      if (!s.origin && !s.rightOrigin && !s.parent && !s.parentSub) throw new ProtocolError("malformed Yjs update: orphan item");
    }
  }
  for (const items of decoded.ds.clients.values()) {
    for (const d of items) if (!(d.len > 0) || d.clock < 0) throw new ProtocolError("malformed Yjs update: bad delete range");
  }
}

/** Same for a state vector (a sync step 1). */
export function assertValidStateVector(sv: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(sv);
    const n = decoding.readVarUint(decoder);
    for (let i = 0; i < n; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
  } catch (e) {
    throw new ProtocolError(`malformed state vector: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

export const encodeSyncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

export const encodeUpdateMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwarenessMessage = (awarenessUpdate: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
