"use client";
import { useSyncExternalStore } from "react";

const noop = () => () => {};

/**
 * The curl line a new workspace starts from, with the origin the browser actually used: behind a proxy or on a
 * server bound to 0.0.0.0 the request's Host can differ from the address people type. `serverOrigin` is only the
 * first paint's guess.
 */
export function ApiSnippet({ serverOrigin, slug, name }: { serverOrigin: string; slug: string; name: string }) {
  const origin = useSyncExternalStore(noop, () => window.location.origin, () => serverOrigin);
  return (
    <pre className="overflow-x-auto rounded-md bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100" data-testid="api-snippet">
      {`curl ${origin}/api/v1/workspace \\\n  -H "Authorization: Bearer $PROMPTYARD_API_KEY"\n# {"slug":"${slug}","name":"${name}","scopes":[...]}`}
    </pre>
  );
}
