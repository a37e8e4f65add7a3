"use client";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ConnectionStatus, Peer } from "./use-collaboration";

export function PresenceAvatars({ peers }: { peers: Peer[] }) {
  return (
    <div className="flex -space-x-1.5" data-testid="presence">
      {peers.map((p) => (
        <span
          key={p.clientId}
          title={p.self ? `${p.name} (you)` : p.name}
          data-testid="presence-avatar"
          data-name={p.name}
          className="flex size-7 items-center justify-center rounded-full border-2 border-white text-[10px] font-semibold text-white dark:border-zinc-950"
          style={{ background: p.color }}
        >
          {p.name
            .split(/\s+/)
            .map((w) => w[0])
            .join("")
            .slice(0, 2)
            .toUpperCase()}
        </span>
      ))}
    </div>
  );
}

const STATUS: Record<ConnectionStatus, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-zinc-400" },
  connected: { label: "Live", dot: "bg-emerald-500" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  offline: { label: "Offline: edits are kept and merge when you reconnect", dot: "bg-red-500" },
};

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const s = STATUS[status];
  return (
    <Badge className="gap-1.5" data-testid="connection-status" data-status={status}>
      <span className={cn("size-2 rounded-full", s.dot)} aria-hidden />
      {s.label}
    </Badge>
  );
}

/** Colours and name tags for y-monaco's remote cursor and selection decorations. */
export function RemoteCursorStyles({ peers }: { peers: Peer[] }) {
  const css = peers
    .filter((p) => !p.self)
    .map(
      (p) => `.yRemoteSelection-${p.clientId}{background-color:${p.color}33}
.yRemoteSelectionHead-${p.clientId}{position:absolute;border-left:2px solid ${p.color};height:100%;box-sizing:border-box}
.yRemoteSelectionHead-${p.clientId}::after{content:${JSON.stringify(p.name)};position:absolute;bottom:100%;left:-2px;height:13px;font:600 10px/13px ui-sans-serif,system-ui;background:${p.color};color:#fff;padding:0 4px;border-radius:3px;white-space:nowrap;pointer-events:none;z-index:10}`,
    )
    .join("\n");
  return <style>{css}</style>;
}
