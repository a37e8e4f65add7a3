"use client";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";
export type Peer = { clientId: number; name: string; color: string; self: boolean };
export type CollabRole = "owner" | "admin" | "editor" | "reviewer" | "viewer";

const COLORS = ["#2563eb", "#db2777", "#16a34a", "#ea580c", "#9333ea", "#0891b2", "#ca8a04", "#dc2626"];
export function colorFor(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

async function fetchToken(workspace: string, prompt: string): Promise<{ url: string; token: string; role: CollabRole }> {
  const res = await fetch("/api/realtime/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workspace, prompt }) });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `Could not open the live draft (HTTP ${res.status}).`);
  return body;
}

/**
 * Joins the prompt's live draft: a Y.Doc synced over the y-websocket protocol with a short-lived token
 * (refreshed before it expires, so reconnects keep working), presence through awareness.
 */
export function useCollaboration({ workspace, promptId, user }: { workspace: string; promptId: string; user: { id: string; name: string } }) {
  const [state, setState] = useState<{ doc: Y.Doc; provider: WebsocketProvider; role: CollabRole } | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const [synced, setSynced] = useState(false);
  const [peers, setPeers] = useState<Peer[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let provider: WebsocketProvider | null = null;
    let refresh: ReturnType<typeof setInterval> | undefined;
    const doc = new Y.Doc();
    const online = () => provider && setStatus(provider.wsconnected ? "connected" : "reconnecting");
    const offline = () => setStatus("offline");
    (async () => {
      try {
        const { url, token, role } = await fetchToken(workspace, promptId);
        if (disposed) return;
        const base = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
        const cut = url.lastIndexOf("/");
        provider = new WebsocketProvider(base + url.slice(0, cut), decodeURIComponent(url.slice(cut + 1)), doc, { params: { token }, disableBc: true });
        provider.awareness.setLocalStateField("user", { id: user.id, name: user.name, color: colorFor(user.id) });
        provider.on("status", ({ status: s }: { status: string }) => {
          if (!navigator.onLine) return setStatus("offline");
          setStatus(s === "connected" ? "connected" : s === "connecting" ? "reconnecting" : "reconnecting");
        });
        provider.on("sync", (isSynced: boolean) => setSynced(isSynced));
        // 4403: removed from the workspace; 4422: an edit from this tab was refused (it would have broken the
        // draft's shape). Reconnecting would only send the same thing again: stop and say why.
        provider.on("connection-close", (event: CloseEvent | null) => {
          if (event?.code === 4403) {
            provider?.disconnect();
            setError("You no longer have access to this workspace's drafts.");
          } else if (event?.code === 4422) {
            provider?.disconnect();
            setError(`The server refused an edit from this tab (${event.reason.replace(/^edit refused: /, "") || "invalid draft"}), so it stopped syncing. Reload the page to continue from the shared draft.`);
          }
        });
        const updatePeers = () => {
          const list: Peer[] = [];
          provider!.awareness.getStates().forEach((s, clientId) => {
            const u = s.user as { name?: string; color?: string } | undefined;
            if (u?.name) list.push({ clientId, name: u.name, color: u.color ?? "#71717a", self: clientId === doc.clientID });
          });
          setPeers(list);
        };
        provider.awareness.on("change", updatePeers);
        updatePeers();
        // Tokens are short-lived: keep a fresh one for the next reconnect.
        refresh = setInterval(() => {
          fetchToken(workspace, promptId)
            .then((t) => provider && (provider.params = { token: t.token }))
            .catch(() => {});
        }, 40_000);
        setState({ doc, provider, role });
      } catch (e) {
        if (!disposed) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    return () => {
      disposed = true;
      clearInterval(refresh);
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      provider?.destroy();
      doc.destroy();
    };
  }, [workspace, promptId, user.id, user.name]);

  return { doc: state?.doc ?? null, provider: state?.provider ?? null, role: state?.role ?? null, status, synced, peers, error };
}
