/**
 * Shape check for incoming edits, before they touch the live document. The update is applied to a throwaway
 * copy of the draft; if the copy ends up in a shape readers can't use (a string where a message belongs, a
 * non-text content, an unknown part), the update is refused: never applied, stored nor relayed.
 */
import * as Y from "yjs";
import { checkDraftShape } from "./draft-model";

/** The problem an update would cause, or null when it is safe to apply. */
export function probeUpdate(doc: Y.Doc, update: Uint8Array): string | null {
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
