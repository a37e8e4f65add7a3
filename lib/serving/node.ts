import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logError } from "@/lib/log";
import { serveGet } from "./get";
import { serveRender } from "./render";
import type { ServedResponse } from "./respond";

const PREFIX = "/api/v1/prompts/";
const RENDER = "/render";
const MAX_READ = 1024 * 1024 + 1; // one byte past the limit is enough to answer 413

/**
 * server.ts asks this before Next's router. It answers exactly `GET /api/v1/prompts/{slug}` and
 * `POST /api/v1/prompts/{slug}/render` (one path segment; folders travel as %2F) and returns true; anything
 * else (versions, labels, HEAD, a trailing slash) returns false and goes to Next, which calls the same code.
 */
export function handleServingRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if (!url || !url.startsWith(PREFIX)) return false;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const rest = path.slice(PREFIX.length);
  if (req.method === "GET") {
    if (!rest || rest.includes("/")) return false;
    const done = serveGet({ slug: rest, search: q === -1 ? "" : url.slice(q), authorization: header(req, "authorization"), ifNoneMatch: header(req, "if-none-match") });
    void done.then((r) => write(res, r), (e) => fail(res, e));
    return true;
  }
  if (req.method === "POST" && rest.endsWith(RENDER)) {
    const slug = rest.slice(0, -RENDER.length);
    if (!slug || slug.includes("/")) return false;
    const done = serveRender({ slug, authorization: header(req, "authorization"), contentLength: Number(req.headers["content-length"] ?? 0) || 0, readBody: () => readText(req) });
    void done.then((r) => {
      req.resume(); // a refused request's body is drained, so keep-alive stays usable
      write(res, r);
    }, (e) => fail(res, e));
    return true;
  }
  return false;
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}

function write(res: ServerResponse, r: ServedResponse): void {
  if (res.headersSent) return;
  if (r.body !== null && !("content-length" in r.headers)) res.setHeader("content-length", Buffer.byteLength(r.body));
  res.writeHead(r.status, r.headers);
  res.end(r.body ?? undefined);
}

function fail(res: ServerResponse, e: unknown): void {
  logError("[promptyard] serving request failed", e);
  if (!res.headersSent) res.writeHead(500).end();
}

/** The body as UTF-8 text, at most MAX_READ bytes kept (the rest is drained; the size check answers 413). */
function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      if (size < MAX_READ) chunks.push(c);
      size += c.length;
    });
    req.on("end", () => resolve(Buffer.concat(chunks).subarray(0, MAX_READ).toString("utf8")));
    req.on("error", reject);
  });
}
