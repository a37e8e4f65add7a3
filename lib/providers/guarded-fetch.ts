import "server-only";
import { BlockedUrlError } from "./failures";
import { checkBaseUrl, type Resolver } from "./ssrf";

export interface GuardOptions {
  allowPrivate: boolean;
  resolver?: Resolver;
  /** Shown in refusal messages instead of the request URL (the connection's base URL). */
  label?: string;
  /** Counts every outgoing request (attempts), for callers that report them. */
  onRequest?: (url: string) => void;
}

/**
 * A fetch for provider SDKs that re-runs the SSRF check right before every request (so a DNS answer that changed
 * since the connection was saved is caught) and refuses redirects (a redirect could point anywhere).
 */
export function guardedFetch(opts: GuardOptions): typeof fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const check = await checkBaseUrl(url, { allowPrivate: opts.allowPrivate, resolver: opts.resolver, label: opts.label });
    if (!check.ok) {
      if (check.reason === "dns") throw new BlockedUrlError(`host ${check.host} not found${check.code ? ` (${check.code})` : ""}`, "dns");
      throw new BlockedUrlError(check.message, "refused");
    }
    opts.onRequest?.(url);
    const res = await fetch(input, { ...init, redirect: "manual" });
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel().catch(() => {});
      throw new BlockedUrlError(
        `${opts.label ?? new URL(url).origin} answered with a redirect (HTTP ${res.status}${res.headers.get("location") ? ` to ${res.headers.get("location")}` : ""}); redirects are not followed. Use the final address as the base URL.`,
        "redirect",
      );
    }
    return res;
  };
}
