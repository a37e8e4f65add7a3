import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerMalformedPath } from "../bad-path";

// The same wiring as server.ts: asked first, and whatever it does not answer goes on (here: a 200 "next").
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (answerMalformedPath(req, res)) return;
    res.writeHead(200).end("next");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("malformed percent-encoding in the path", () => {
  it.each(["/api/v1/prompts/%", "/api/v1/prompts/%zz", "/api/v1/prompts/a%2", "/api/v1/prompts/%E0%A4%A"])("%s is a 400 in the one error shape", async (path) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_input", message: expect.stringContaining("percent-encoding") } });
  });

  it("an app page with one is a 400 page, not a 500", async () => {
    const res = await fetch(`${base}/w/%`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("can't be read");
  });

  it("well-formed paths (encoded slashes, unicode, %25) go on to the app", async () => {
    for (const path of ["/api/v1/prompts/support%2Freply", "/w/demo/prompts/caf%C3%A9", "/api/v1/prompts/100%25?label=%"]) {
      const res = await fetch(base + path);
      expect(await res.text()).toBe("next");
    }
  });
});
