import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * A request path that is not valid percent-encoding (`/api/v1/prompts/%`, `/w/%zz`) makes Next's router answer
 * a bare 500 before any handler runs. server.ts asks this first: such a request gets a 400 here, in the API's
 * one error shape (or a small page for the app), and never reaches Next. Returns true when it answered.
 */
export function answerMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const message = "The URL path is not valid percent-encoding (a % must be followed by two hex digits).";
    if (path.startsWith("/api/")) {
      res.writeHead(400, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "invalid_input", message } }));
    } else {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad address · Promptyard</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#27272a"><h1 style="font-size:1.25rem">This address can't be read</h1>` +
        `<p>${message}</p><p><a href="/">Go to your workspaces</a></p></body></html>`);
    }
    return true;
  }
}
