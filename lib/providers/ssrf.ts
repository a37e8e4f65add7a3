import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { invalidInput } from "@/lib/errors";

/*
 * A provider base URL is a URL an admin types and the server then fetches: the textbook SSRF. We refuse any URL whose
 * host resolves (ANY of its addresses) to a private, link-local, shared or reserved network, unless the workspace
 * allows private endpoints. Loopback stays allowed (Ollama, vLLM and LM Studio run on localhost), and cloud metadata
 * endpoints are refused even then. The check runs when a connection is saved AND right before every model request
 * (lib/runs passes a fetch that re-checks), so a DNS answer that changes after saving (rebinding) is caught too.
 * Residual window: the check and fetch's own lookup are two lookups; pinning the checked address would need a
 * connect-time lookup hook (an undici Agent), which we do not own here.
 */

export type Resolver = (hostname: string) => Promise<string[]>;

export type BaseUrlProblem = "invalid" | "scheme" | "credentials" | "dns" | "private" | "blocked";

export type BaseUrlCheck =
  | { ok: true; url: URL; addresses: string[] }
  | { ok: false; reason: BaseUrlProblem; message: string; /** dns: the host that did not resolve */ host?: string; code?: string };

export interface CheckBaseUrlOptions {
  /** The workspace setting "allow private network endpoints". */
  allowPrivate: boolean;
  /** For tests: hostname -> addresses. Defaults to the system resolver (every address, A and AAAA). */
  resolver?: Resolver;
  /** How to show the URL in messages (default: the URL itself). */
  label?: string;
}

export const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Instance metadata services: credentials live there. Never a model server, whatever the workspace allows. */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

const DESCRIBE: Record<string, string> = {
  private: "a private address",
  uniqueLocal: "a private address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  deprecatedSiteLocal: "a private (site-local) address",
  reserved: "a reserved address",
};

type Verdict = { kind: "allowed" } | { kind: "private"; what: string } | { kind: "blocked"; what: string };

/** Classifies one IP address (v4, v6, or v4-mapped v6). */
export function classifyAddress(address: string): Verdict {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.process(address); // unwraps ::ffff:a.b.c.d to a.b.c.d
  } catch {
    return { kind: "blocked", what: "an address that is not an IP address" };
  }
  if (METADATA.has(addr.toString())) return { kind: "blocked", what: "the cloud metadata address" };
  if (addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    const range = v6.range();
    // NAT64 / IPv4-translated addresses carry an IPv4 address in their last 32 bits: judge that one too.
    if (range === "rfc6052" || range === "rfc6145") {
      const bytes = v6.toByteArray().slice(-4);
      const embedded = classifyAddress(bytes.join("."));
      if (embedded.kind !== "allowed") return embedded;
    }
  }
  const range = addr.range();
  if (range === "unicast" || range === "loopback") return { kind: "allowed" };
  if (range === "unspecified" || range === "multicast" || range === "broadcast") return { kind: "blocked", what: `${range === "unspecified" ? "an unspecified" : `a ${range}`} address` };
  return { kind: "private", what: DESCRIBE[range] ?? `an address in the special-purpose range "${range}"` };
}

function display(raw: string): string {
  return raw.trim().replace(/\/+$/, "");
}

/** Checks a base URL: http(s) only, no credentials, and every address it resolves to must be allowed. Never throws. */
export async function checkBaseUrl(raw: string, { allowPrivate, resolver = systemResolver, label }: CheckBaseUrlOptions): Promise<BaseUrlCheck> {
  const shown = label ?? display(raw);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "invalid", message: `Base URL ${shown} is not a valid URL (for example http://localhost:11434/v1).` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "scheme", message: `Base URL ${shown} must start with http:// or https:// (got ${url.protocol.replace(/:$/, "")}).` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: "credentials", message: `Base URL ${url.protocol}//${url.host} must not contain a user name or password; put the key in the API key field.` };
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await resolver(host);
    } catch (e) {
      const code = (e as { code?: string }).code;
      return { ok: false, reason: "dns", host, code, message: `Base URL ${shown}: the host ${host} could not be resolved${code ? ` (${code})` : ""}.` };
    }
    if (addresses.length === 0) return { ok: false, reason: "dns", host, message: `Base URL ${shown}: the host ${host} has no addresses.` };
  }
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.kind === "allowed") continue;
    const ip = ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
    if (verdict.kind === "blocked") {
      return { ok: false, reason: "blocked", message: `Base URL ${shown} resolves to ${verdict.what} (${ip}), which is never allowed as a model endpoint.` };
    }
    if (!allowPrivate) {
      return {
        ok: false,
        reason: "private",
        message: `Base URL ${shown} resolves to ${verdict.what} (${ip}); an admin can allow private network endpoints in Settings.`,
      };
    }
  }
  return { ok: true, url, addresses };
}

/** checkBaseUrl for input validation: a refused URL is a 400 naming the problem. */
export async function assertBaseUrl(raw: string, opts: CheckBaseUrlOptions): Promise<URL> {
  const check = await checkBaseUrl(raw, opts);
  if (!check.ok) throw invalidInput(check.message);
  return check.url;
}
