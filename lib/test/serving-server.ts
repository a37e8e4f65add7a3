import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleServingRequest } from "@/lib/serving";
import * as promptsRoute from "@/app/api/v1/prompts/route";
import * as heartbeatRoute from "@/app/api/v1/deployments/heartbeat/route";

/**
 * A real HTTP server for SDK and CLI tests, wired as server.ts is: the hot path first, then (for the one other
 * route the CLI needs, the prompt list) the real Next route handler. Counts the requests it received, and can be
 * killed (connections dropped) to prove what clients do when Promptyard is down.
 */
export async function startServingServer(port = 0) {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    if (handleServingRequest(req, res)) return;
    const path = req.url?.split("?")[0];
    const route = req.method === "GET" && path === "/api/v1/prompts" ? promptsRoute.GET : req.method === "POST" && path === "/api/v1/deployments/heartbeat" ? heartbeatRoute.POST : null;
    if (route) {
      void toRequest(req)
        .then((r) => route(r))
        .then(async (r) => {
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        });
      return;
    }
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "not in the test server" } }));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    get requests() {
      return requests;
    },
    async kill() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Request(`http://localhost${req.url}`, { method: req.method, headers, body: req.method === "GET" ? undefined : Buffer.concat(chunks) });
}
