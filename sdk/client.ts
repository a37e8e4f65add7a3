/**
 * The Promptyard client: `getPrompt` with an in-memory cache (stale-while-revalidate, last-known-good when the
 * server is unreachable, an optional `fallback` for a cold start), lockfile mode (zero network for locked
 * prompts, each hash checked), `compile` with the server's renderer, and background `reportGeneration`.
 * fetch only: Node 20+, Bun, Deno, edge runtimes.
 */
import { renderContent } from "../lib/templates/render";
import { parseLockfile, verifyEntry, type Lockfile, type PromptContent } from "./lockfile";
import { Reporter, type GenerationReport, type ReporterOptions, type ReporterStats } from "./reporter";

export interface ClientOptions {
  /** e.g. https://promptyard.example.com (default: PROMPTYARD_URL when `process` exists). */
  baseUrl?: string;
  apiKey?: string;
  /** A served prompt is fresh this long; after it, it is returned at once and refreshed in the background (default 60 s). */
  cacheTtlMs?: number;
  /** A parsed promptyard.lock.json: its prompts are served from it, with no request. */
  lockfile?: unknown;
  fetch?: typeof fetch;
  /** Per request (default 5 s): past it, the last-known-good version is served. */
  timeoutMs?: number;
  reporting?: ReporterOptions;
  /** Heartbeat: report what this app serves, so Promptyard can show drift (deployments page). */
  deployment?: { name: string; environment?: string; intervalMs?: number };
}

export interface GetPromptOptions {
  label?: string;
  version?: number;
  /** Content to serve when the server cannot be reached and nothing was fetched yet (cold start). */
  fallback?: PromptContent;
}

export type PromptSource = "network" | "cache" | "stale" | "lockfile" | "fallback";

export interface ServedPrompt {
  slug: string;
  type: "text" | "chat";
  version: number | null;
  semver: string | null;
  labels: string[];
  content: PromptContent;
  config: Record<string, unknown>;
  variables: string[];
  hash: string | null;
  /** Where this answer came from: the server, the cache (fresh or stale), the lockfile, or your fallback. */
  source: PromptSource;
  /** Renders with the server's renderer semantics (a missing variable throws, naming it). */
  compile(variables?: Record<string, unknown>): PromptContent;
}

type Wire = Omit<ServedPrompt, "source" | "compile">;
interface CacheEntry {
  prompt: Wire;
  etag: string | null;
  fetchedAt: number;
  refreshing: Promise<void> | null;
}

export class PromptyardError extends Error {
  constructor(message: string, readonly status?: number, readonly code?: string) {
    super(message);
    this.name = "PromptyardError";
  }
}

const envVar = (name: string): string | undefined => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** Renders content with variables exactly as the server's render endpoint does (lib/templates). */
export function compile(content: PromptContent, variables: Record<string, unknown> = {}): PromptContent {
  return renderContent({ content, variables });
}

export class Promptyard {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly ttl: number;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly lock: Lockfile | null;
  private readonly verified = new Set<string>();
  private readonly reporter: Reporter;
  /** Requests this client sent (tests and diagnostics). */
  requests = 0;
  private readonly serving = new Map<string, { slug: string; label: string | null; version: number | null; hash: string }>();
  private readonly deployment: ClientOptions["deployment"];
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? envVar("PROMPTYARD_URL") ?? "").replace(/\/+$/, "");
    this.apiKey = opts.apiKey ?? envVar("PROMPTYARD_API_KEY") ?? "";
    this.ttl = opts.cacheTtlMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.doFetch = opts.fetch ?? ((...a) => fetch(...a));
    this.lock = opts.lockfile === undefined ? null : parseLockfile(opts.lockfile);
    this.reporter = new Reporter((batch) => this.postGenerations(batch), opts.reporting);
    this.deployment = opts.deployment;
    if (this.deployment) {
      this.heartbeatTimer = setInterval(() => void this.heartbeat().catch(() => {}), this.deployment.intervalMs ?? 60_000);
      (this.heartbeatTimer as { unref?: () => void }).unref?.();
    }
  }

  /**
   * Reports the prompts this client served (slug, label, hash) for the deployment named in the options. Runs every
   * `intervalMs` by itself; call it after start-up to be seen at once. Rejects when the server cannot be reached.
   */
  async heartbeat(): Promise<void> {
    if (!this.deployment) throw new PromptyardError("Name the deployment in createClient({ deployment: { name } }) to send heartbeats.");
    const body = { deployment: this.deployment.name, environment: this.deployment.environment ?? "production", source: "sdk", prompts: [...this.serving.values()] };
    const res = await this.request("/api/v1/deployments/heartbeat", { method: "POST", headers: { authorization: `Bearer ${this.apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    await res.body?.cancel().catch(() => {});
    if (!res.ok) throw new PromptyardError(`heartbeat answered ${res.status}`, res.status);
  }

  /** Stops the heartbeat timer and sends queued reports. */
  async close(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    await this.flush();
  }

  async getPrompt(slug: string, opts: GetPromptOptions = {}): Promise<ServedPrompt> {
    if (opts.label !== undefined && opts.version !== undefined) throw new PromptyardError("Ask for either a label or a version, not both.");
    const locked = await this.fromLockfile(slug, opts);
    if (locked) return locked;
    const wanted = opts.version !== undefined ? null : (opts.label ?? "production");
    const key = `${slug}\0${opts.version ?? ""}\0${opts.version === undefined ? (opts.label ?? "production") : ""}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.fetchedAt < this.ttl) return this.wrap(hit.prompt, "cache", wanted);
    if (hit) {
      // Stale: answer now, refresh in the background (a failed refresh keeps the last-known-good).
      hit.refreshing ??= this.fetchInto(key, slug, opts, hit).then(() => undefined, () => undefined).finally(() => (hit.refreshing = null));
      return this.wrap(hit.prompt, "stale", wanted);
    }
    try {
      return this.wrap(await this.fetchInto(key, slug, opts, undefined), "network", wanted);
    } catch (e) {
      if (opts.fallback !== undefined && isUnreachable(e)) {
        return this.wrap({ slug, type: typeof opts.fallback === "string" ? "text" : "chat", version: null, semver: null, labels: [], content: opts.fallback, config: {}, variables: [], hash: null }, "fallback");
      }
      throw e;
    }
  }

  /** Queues a generation for the ingestion endpoint; returns at once. */
  reportGeneration(item: GenerationReport): void {
    this.reporter.report(item);
  }

  /** Sends queued reports now (call before a short-lived process exits). */
  flush(): Promise<void> {
    return this.reporter.flush();
  }

  get reportingStats(): ReporterStats {
    return { ...this.reporter.stats, queued: this.reporter.size };
  }

  private async fromLockfile(slug: string, opts: GetPromptOptions): Promise<ServedPrompt | null> {
    const entry = this.lock?.prompts[slug];
    if (!entry) return null;
    // The lockfile answers for what it pinned: its version, or the label it was pulled from (default production).
    const matches = opts.version !== undefined ? opts.version === entry.version : (opts.label ?? entry.label ?? "production") === (entry.label ?? "production");
    if (!matches) return null;
    if (!this.verified.has(slug)) {
      await verifyEntry(slug, entry); // a tampered entry is refused, never served
      this.verified.add(slug);
    }
    return this.wrap({ slug, type: entry.type, version: entry.version, semver: entry.semver, labels: entry.label ? [entry.label] : [], content: entry.content, config: entry.config, variables: entry.variables ?? [], hash: entry.hash }, "lockfile", entry.label);
  }

  private async fetchInto(key: string, slug: string, opts: GetPromptOptions, prev: CacheEntry | undefined): Promise<Wire> {
    const q = opts.version !== undefined ? `version=${opts.version}` : `label=${encodeURIComponent(opts.label ?? "production")}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}` };
    if (prev?.etag) headers["if-none-match"] = prev.etag;
    let res: Response;
    try {
      res = await this.request(`/api/v1/prompts/${encodeURIComponent(slug)}?${q}`, { headers });
    } catch (e) {
      // Unreachable: the last-known-good version (a pinned one too) keeps the app working.
      const lkg = prev ?? this.cache.get(key);
      if (lkg) return lkg.prompt;
      throw e;
    }
    if (res.status === 304 && prev) {
      prev.fetchedAt = Date.now();
      return prev.prompt;
    }
    const body = (await res.json().catch(() => null)) as (Wire & { error?: { code: string; message: string } }) | null;
    if (res.status >= 500 && (prev ?? this.cache.get(key))) return (prev ?? this.cache.get(key))!.prompt;
    if (!res.ok || !body) throw new PromptyardError(body?.error?.message ?? `GET ${slug} answered ${res.status}`, res.status, body?.error?.code);
    const prompt: Wire = { slug: body.slug, type: body.type, version: body.version, semver: body.semver, labels: body.labels, content: body.content, config: body.config, variables: body.variables, hash: body.hash };
    this.cache.set(key, { prompt, etag: res.headers.get("etag"), fetchedAt: Date.now(), refreshing: null });
    return prompt;
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    if (!this.baseUrl) throw new PromptyardError("No server: pass baseUrl or set PROMPTYARD_URL.");
    this.requests++;
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    try {
      return await this.doFetch(this.baseUrl + path, { ...init, signal: ctrl.signal });
    } catch (e) {
      throw new PromptyardError(`Cannot reach ${this.baseUrl}: ${(e as Error).message}`, 0, "unreachable");
    } finally {
      clearTimeout(timer);
    }
  }

  private async postGenerations(batch: GenerationReport[]): Promise<void> {
    const res = await this.request("/api/v1/generations", { method: "POST", headers: { authorization: `Bearer ${this.apiKey}`, "content-type": "application/json" }, body: JSON.stringify(batch) });
    // 4xx other than 429 will not get better by retrying: counted as sent-and-refused by the server, not requeued.
    if (res.status >= 500 || res.status === 429) throw new PromptyardError(`POST /api/v1/generations answered ${res.status}`, res.status);
    await res.body?.cancel().catch(() => {});
  }

  private wrap(p: Wire, source: PromptSource, label?: string | null): ServedPrompt {
    if (p.hash) this.serving.set(p.slug, { slug: p.slug, label: label === undefined ? "production" : label, version: p.version, hash: p.hash });
    return { ...p, source, compile: (variables = {}) => compile(p.content, variables) };
  }
}

function isUnreachable(e: unknown): boolean {
  return e instanceof PromptyardError && (e.code === "unreachable" || (e.status ?? 0) >= 500);
}

export function createClient(opts: ClientOptions = {}): Promptyard {
  return new Promptyard(opts);
}
