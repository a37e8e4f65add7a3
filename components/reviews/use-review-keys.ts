"use client";
import { useEffect, useRef, type Dispatch, type RefObject, type SetStateAction } from "react";
import type { ReviewerQueue } from "@/lib/reviews/types";
import { actionForKey } from "./shortcuts";
import type { Verdict } from "./verdict-bar";

export type ReviewKeyHandlers = {
  vote: (v: Verdict) => unknown;
  skip: () => unknown;
  undo: () => unknown;
  toggleLabel: (index: number) => void;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  setPromptOpen: Dispatch<SetStateAction<boolean>>;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  mode: ReviewerQueue["mode"];
  allowComment: boolean;
};

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/** The review screen's keyboard map (listed under "?"): one window listener reading the latest handlers. */
export function useReviewKeys(h0: ReviewKeyHandlers, mainRef: RefObject<HTMLDivElement | null>, onReady: () => void) {
  // One listener for the page's lifetime; it reads the latest handlers through a ref.
  const handlers = useRef(h0);
  handlers.current = h0;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const h = handlers.current;
      if (isTyping(e.target)) {
        if (e.key === "Escape") {
          (e.target as HTMLElement).blur();
          mainRef.current?.focus({ preventScroll: true });
          e.preventDefault();
        }
        return;
      }
      if (e.repeat || e.defaultPrevented) return;
      const action = actionForKey(h.mode, e);
      if (!action) return;
      if (h.helpOpen) {
        if (action.kind === "help") {
          e.preventDefault();
          h.setHelpOpen(false);
        }
        return;
      }
      e.preventDefault();
      switch (action.kind) {
        case "verdict":
          void h.vote(action.verdict);
          break;
        case "label":
          h.toggleLabel(action.index);
          break;
        case "skip":
          void h.skip();
          break;
        case "undo":
          void h.undo();
          break;
        case "help":
          h.setHelpOpen(true);
          break;
        case "comment":
          if (h.allowComment) h.commentRef.current?.focus();
          break;
        case "prompt":
          h.setPromptOpen((o) => !o);
          break;
      }
    }
    window.addEventListener("keydown", onKey);
    onReady();
    return () => window.removeEventListener("keydown", onKey);
  }, []);

}
