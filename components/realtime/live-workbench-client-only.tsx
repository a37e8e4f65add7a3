"use client";
import dynamic from "next/dynamic";
import { Loader2 } from "lucide-react";

/**
 * The live workbench, rendered in the browser only. It has nothing to show before its WebSocket syncs, and
 * rendering it on the server would load a second copy of Yjs into the process beside the realtime server's
 * ("Yjs was already imported. This breaks constructor checks"): server.ts runs Yjs as CommonJS, Next's server
 * bundle would load its ES module build.
 */
export const LiveWorkbench = dynamic(() => import("./live-workbench").then((m) => m.LiveWorkbench), {
  ssr: false,
  loading: () => (
    <div className="flex h-64 items-center justify-center gap-2 rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 dark:border-zinc-700" aria-busy="true">
      <Loader2 className="size-4 animate-spin" /> Opening the live draft…
    </div>
  ),
});
