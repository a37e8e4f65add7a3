"use client";
import { useEffect, useRef } from "react";

/**
 * Gives the leased item back when the reviewer leaves, so "being reviewed now" clears at once instead of after the
 * lease runs out. Leaving = the page is unloaded or put in the back/forward cache (`pagehide`), or the screen
 * unmounts (in-app navigation). Going to the background (`visibilitychange` to hidden: another tab, the phone's
 * home screen) keeps the lease: the reviewer is coming back. Coming back from the back/forward cache asks for
 * work again (`onReturn`).
 */
export function useLeaseRelease(queueId: string, itemId: string | null, onReturn: () => void) {
  const item = useRef(itemId);
  item.current = itemId;
  const returned = useRef(onReturn);
  returned.current = onReturn;
  const pendingRelease = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const url = `/api/v1/review-queues/${encodeURIComponent(queueId)}/release`;
    const release = () => {
      const id = item.current;
      if (!id) return;
      const body = JSON.stringify({ itemId: id });
      // sendBeacon survives the page going away (a string body goes as text/plain, which the route parses as JSON
      // all the same); fetch keepalive is the fallback where the beacon is refused.
      let sent = false;
      try {
        sent = typeof navigator.sendBeacon === "function" && navigator.sendBeacon(url, body);
      } catch {
        sent = false;
      }
      if (!sent) void fetch(url, { method: "POST", body, headers: { "content-type": "application/json" }, keepalive: true, credentials: "same-origin" }).catch(() => {});
    };
    const onPageHide = () => release();
    const onPageShow = (e: PageTransitionEvent) => {
      if (e.persisted) returned.current();
    };
    // React's development double mount runs the cleanup once before mounting again: release only if no remount follows.
    if (pendingRelease.current) clearTimeout(pendingRelease.current);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
      pendingRelease.current = setTimeout(release, 0);
    };
  }, [queueId]);
}
