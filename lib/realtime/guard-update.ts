/**
 * Shape check for incoming edits, before they touch the live document: one bad update must not break the draft
 * for everyone. An update is refused (never applied, stored nor relayed) when the draft would end up in a shape
 * readers can't use (a string where a message belongs, non-text content, an unknown part, a changed type).
 *
 * Two paths. Typing, the bulk of all traffic, only inserts and deletes characters inside existing texts: that is
 * recognised from the decoded update and the items it refers to, in time proportional to the update. Anything
 * else (a message added, a config field set, a role changed) is applied to a throwaway copy of the draft and the
 * copy is checked: proportional to the draft's size, and rare. `npm run bench -- draft-guard` measures both.
 */
import * as Y from "yjs";
import { checkDraftShape, draftParts } from "./draft-model";

/** The problem an update would cause, or null when it is safe to apply. */
export function probeUpdate(doc: Y.Doc, update: Uint8Array): string | null {
  if (isTextOnly(doc, update)) return null;
  return probeOnCopy(doc, update);
}

function probeOnCopy(doc: Y.Doc, update: Uint8Array): string | null {
  const copy = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(copy, update);
    // Parts that depend on changes the server never received would integrate later, unchecked: refuse them
    // (a y-websocket client sends its changes in order after the sync step, so this only stops crafted frames).
    if (copy.store.pendingStructs || copy.store.pendingDs) return "update depends on changes the server does not have";
    // The prompt's type is fixed when it is created: a draft never switches between text and chat.
    const before = doc.getMap("meta").get("type");
    if (before !== undefined && copy.getMap("meta").get("type") !== before) return "meta.type cannot change";
    return checkDraftShape(copy);
  } finally {
    copy.destroy();
  }
}

type Decoded = ReturnType<typeof Y.decodeUpdate>;

/** True when every insert is characters into an existing Y.Text and every delete removes characters. */
function isTextOnly(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: Decoded;
  try {
    draftParts(doc); // gives the roots their types (a doc loaded from updates has untyped roots until read)
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  const local = decoded.structs;
  const findLocal = (id: Y.ID) => local.find((s) => s.id.client === id.client && s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const stored = (id: Y.ID): Y.Item | null => {
    const structs = doc.store.clients.get(id.client);
    if (!structs || Y.getState(doc.store, id.client) <= id.clock) return null;
    const s = Y.getItem(doc.store, id);
    return s instanceof Y.Item ? s : null;
  };
  // Which text an item lands in: its parent (a root name, or the item holding the text), else its neighbour's.
  const inText = (item: Y.Item, depth = 0): boolean => {
    if (depth > local.length + 1) return false;
    const parent = item.parent as unknown;
    if (typeof parent === "string") return doc.share.get(parent) instanceof Y.Text;
    if (parent instanceof Y.ID) {
      const holder = stored(parent);
      return !!holder && holder.content instanceof Y.ContentType && holder.content.type instanceof Y.Text;
    }
    if (parent instanceof Y.AbstractType) return parent instanceof Y.Text;
    const neighbour = item.origin ?? item.rightOrigin;
    if (!neighbour) return false;
    const known = stored(neighbour);
    if (known) return known.parent instanceof Y.Text && known.parentSub === null;
    const mine = findLocal(neighbour);
    return mine instanceof Y.Item && mine.content instanceof Y.ContentString && inText(mine, depth + 1);
  };
  for (const s of local) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentString) || s.parentSub !== null || !inText(s)) return false;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      for (let c = clock; c < clock + len; ) {
        const id = Y.createID(client, c);
        const item = stored(id) ?? findLocal(id);
        if (!(item instanceof Y.Item)) return false;
        if (!(item.content instanceof Y.ContentString || item.content instanceof Y.ContentDeleted)) return false;
        c = item.id.clock + item.length;
      }
    }
  }
  return true;
}
