"use client";
import { useRef, useState, type PointerEvent as ReactPointerEvent } from "react";

/** How far (px) a finger must travel sideways before letting go counts as a swipe. */
export const SWIPE_DISTANCE = 96;

export type SwipeDirection = "left" | "right";

/**
 * Horizontal swipes on touch (and pen) pointers. The element gets `touch-action: pan-y`, so the browser keeps
 * vertical scrolling and hands sideways moves to us as pointer events. A move that is more vertical than
 * horizontal is left to the scroll; a mouse never swipes (it selects text).
 */
export function useSwipe(onSwipe: (direction: SwipeDirection) => void, enabled: boolean) {
  const start = useRef<{ id: number; x: number; y: number } | null>(null);
  const [dx, setDx] = useState(0);

  function reset() {
    start.current = null;
    setDx(0);
  }

  const handlers = {
    onPointerDown(e: ReactPointerEvent<HTMLElement>) {
      if (!enabled || e.pointerType === "mouse" || !e.isPrimary) return;
      start.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    },
    onPointerMove(e: ReactPointerEvent<HTMLElement>) {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      const x = e.clientX - s.x;
      const y = e.clientY - s.y;
      if (Math.abs(y) > Math.abs(x) && Math.abs(y) > 12) return reset(); // a scroll, not a swipe
      setDx(x);
    },
    onPointerUp(e: ReactPointerEvent<HTMLElement>) {
      const s = start.current;
      if (!s || s.id !== e.pointerId) return;
      const x = e.clientX - s.x;
      const y = e.clientY - s.y;
      reset();
      if (Math.abs(x) >= SWIPE_DISTANCE && Math.abs(x) > 1.5 * Math.abs(y)) onSwipe(x > 0 ? "right" : "left");
    },
    onPointerCancel: reset,
  };
  return { dx, handlers, style: { touchAction: "pan-y" as const } };
}
