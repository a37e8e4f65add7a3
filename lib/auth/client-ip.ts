import ipaddr from "ipaddr.js";

/**
 * Who is calling, for per-address limits. X-Forwarded-For is written by whoever sends the request, so it is only
 * believed from proxies the operator named in TRUSTED_PROXIES (default: none). server.ts resolves the address
 * from the socket once per request and passes it to the app in CLIENT_IP_HEADER, after deleting any copy the
 * client sent: handlers read that header only.
 */
export const CLIENT_IP_HEADER = "x-promptyard-client-ip";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses TRUSTED_PROXIES ("10.0.0.1, 10.1.0.0/16, loopback"); throws a message naming the bad entry. */
export function parseTrustedProxies(value: string | undefined): Range[] {
  if (!value?.trim()) return [];
  return value.split(",").flatMap((raw): Range[] => {
    const entry = raw.trim();
    if (!entry) return [];
    if (entry === "loopback") return [ipaddr.parseCIDR("127.0.0.0/8"), ipaddr.parseCIDR("::1/128")];
    try {
      if (entry.includes("/")) return [ipaddr.parseCIDR(entry)];
      const addr = ipaddr.parse(entry);
      return [[addr, addr.kind() === "ipv4" ? 32 : 128]];
    } catch {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address, a CIDR range or "loopback"`);
    }
  });
}

function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    const a = ipaddr.parse(address.trim());
    return a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return null;
  }
}

function trusted(addr: ipaddr.IPv4 | ipaddr.IPv6, ranges: Range[]): boolean {
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match([net, bits] as never));
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the right-most address in
 * X-Forwarded-For that is not a trusted proxy (entries left of it were written by the client and prove nothing).
 */
export function resolveClientIp(input: { remoteAddress?: string | null; forwardedFor?: string | string[] | null; trustedProxies: Range[] }): string {
  const peer = input.remoteAddress ? normalise(input.remoteAddress) : null;
  if (!peer) return "unknown";
  if (!trusted(peer, input.trustedProxies)) return peer.toString();
  const header = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(",") : (input.forwardedFor ?? "");
  const hops = header.split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]!);
    if (!hop) return peer.toString(); // a garbled chain: fall back to the proxy itself, never to client text
    if (!trusted(hop, input.trustedProxies)) return hop.toString();
  }
  return peer.toString();
}

/** For the app: the address server.ts resolved ("unknown" when the app runs without server.ts). */
export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) || "unknown";
}

/** server.ts, once per request: replaces any client-sent CLIENT_IP_HEADER with the address resolved here. */
export function stampClientIp(req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } }, trustedProxies: Range[]): void {
  req.headers[CLIENT_IP_HEADER] = resolveClientIp({ remoteAddress: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"], trustedProxies });
}
