/**
 * What every CLI command shares: exit codes, parsed flags, the connection to the server. No server-only imports:
 * the CLI is an HTTP client of the public API (the same one the SDK and outside clients use).
 */

/** 0 ok, 1 a check failed (drift, failed eval, broken audit chain), 2 usage or connection error. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: Record<string, string | undefined>;
  /** Defaults to process.cwd(); tests pass a temporary folder. */
  cwd?: string;
  /** Defaults to global fetch; tests may count requests. */
  fetch?: typeof fetch;
}

/** A usage mistake: printed with the command's help hint, exit 2. */
export class UsageError extends Error {}
/** The server could not be reached or answered something unusable: exit 2. */
export class ConnectionError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/**
 * `--name value`, `--name=value`, `--flag` (boolean when listed in `booleans`), `-h`. Unknown flags are a usage
 * error naming them, so a typo never silently changes what a CI gate checks.
 */
export function parseArgs(argv: readonly string[], spec: { strings?: readonly string[]; booleans?: readonly string[] }): ParsedArgs {
  const strings = new Set([...(spec.strings ?? []), "url", "api-key"]);
  const booleans = new Set([...(spec.booleans ?? []), "json", "help"]);
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h") {
      out.flags.help = true;
      continue;
    }
    if (!a.startsWith("--")) {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      out.flags[name] = true;
    } else if (strings.has(name)) {
      const value = eq !== -1 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value.`);
      out.flags[name] = value;
    } else {
      throw new UsageError(`Unknown option --${name}.`);
    }
  }
  return out;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === "string" ? v : undefined;
}

export interface ApiClient {
  baseUrl: string;
  /** JSON request against /api/v1/...; throws ConnectionError when the server is unreachable or not Promptyard. */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }>;
}

/** Base URL and key from --url/--api-key, else PROMPTYARD_URL/PROMPTYARD_API_KEY. */
export function connect(args: ParsedArgs, io: CliIo): ApiClient {
  const baseUrl = (stringFlag(args, "url") ?? io.env.PROMPTYARD_URL ?? "").replace(/\/+$/, "");
  const key = stringFlag(args, "api-key") ?? io.env.PROMPTYARD_API_KEY;
  if (!baseUrl) throw new UsageError("No server: pass --url or set PROMPTYARD_URL (e.g. http://localhost:3000).");
  if (!/^https?:\/\//.test(baseUrl)) throw new UsageError(`--url must start with http:// or https://; got "${baseUrl}".`);
  if (!key) throw new UsageError("No API key: pass --api-key or set PROMPTYARD_API_KEY (pyk_...).");
  const doFetch = io.fetch ?? fetch;
  return {
    baseUrl,
    async request(method, path, body) {
      let res: Response;
      try {
        res = await doFetch(`${baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        throw new ConnectionError(`Cannot reach ${baseUrl}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`);
      }
      const text = await res.text();
      let parsed: unknown = null;
      if (text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new ConnectionError(`${method} ${path} answered ${res.status} with a body that is not JSON: is ${baseUrl} a Promptyard server?`);
        }
      }
      if (res.status === 401) throw new ConnectionError(`${baseUrl} refused the API key (401): ${errorMessage(parsed)}`);
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}

/** The message of the API's `{error: {code, message}}` shape, or a generic one. */
export function errorMessage(body: unknown): string {
  const e = (body as { error?: { message?: string } } | null)?.error;
  return e?.message ?? "no message";
}

export interface Command {
  name: string;
  summary: string;
  /** Full help text, printed for `promptyard <name> --help`. */
  help: string;
  run(argv: readonly string[], io: CliIo): Promise<ExitCode>;
}
