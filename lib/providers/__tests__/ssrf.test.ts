import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedUrlError, checkBaseUrl, classifyAddress, guardedFetch, type Resolver } from "@/lib/providers";

const PRIVATE_HINT = "an admin can allow private network endpoints in Settings.";

// A fake DNS: hostnames -> addresses; unknown names fail like getaddrinfo does.
const fakeDns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found;
  };

const resolver = fakeDns({
  "internal.test": ["10.1.2.3"],
  "metadata.test": ["169.254.169.254"],
  "mixed.test": ["93.184.216.34", "192.168.1.10"],
  "public.test": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
  "v6private.test": ["fd12:3456:789a::1"],
  "localhost": ["127.0.0.1", "::1"],
});

async function refused(url: string, allowPrivate = false) {
  const r = await checkBaseUrl(url, { allowPrivate, resolver });
  expect(r.ok, `${url} should be refused`).toBe(false);
  return r as Extract<typeof r, { ok: false }>;
}

describe("checkBaseUrl (SSRF guard)", () => {
  it("refuses private IPv4 literals with a message naming the address and the fix", async () => {
    const r = await refused("http://10.0.0.1");
    expect(r.reason).toBe("private");
    expect(r.message).toBe(`Base URL http://10.0.0.1 resolves to a private address (10.0.0.1); ${PRIVATE_HINT}`);
    for (const url of ["http://172.16.5.4:8000/v1", "http://192.168.0.10/v1", "http://100.64.1.1/v1", "http://169.254.10.10/v1"]) {
      expect((await refused(url)).message).toContain(PRIVATE_HINT);
    }
  });

  it("refuses the cloud metadata address always, even when private endpoints are allowed", async () => {
    for (const allowPrivate of [false, true]) {
      const r = await refused("http://169.254.169.254", allowPrivate);
      expect(r.reason).toBe("blocked");
      expect(r.message).toBe("Base URL http://169.254.169.254 resolves to the cloud metadata address (169.254.169.254), which is never allowed as a model endpoint.");
      expect((await refused("http://metadata.test/latest", allowPrivate)).message).toContain("cloud metadata address (169.254.169.254)");
    }
  });

  it("resolves hostnames and refuses when ANY address is private", async () => {
    expect((await refused("http://internal.test/v1")).message).toBe(`Base URL http://internal.test/v1 resolves to a private address (10.1.2.3); ${PRIVATE_HINT}`);
    expect((await refused("https://mixed.test")).message).toContain("(192.168.1.10)");
    expect((await refused("http://v6private.test")).message).toContain("(fd12:3456:789a::1)");
    expect((await checkBaseUrl("https://public.test/v1", { allowPrivate: false, resolver })).ok).toBe(true);
  });

  it("sees through IPv4-mapped and NAT64 IPv6 forms", async () => {
    const r = await refused("http://[::ffff:10.0.0.1]");
    expect(r.message).toBe(`Base URL http://[::ffff:10.0.0.1] resolves to a private address (10.0.0.1); ${PRIVATE_HINT}`);
    expect((await refused("http://[::ffff:a9fe:a9fe]/", true)).reason).toBe("blocked");
    expect((await refused("http://[64:ff9b::a9fe:a9fe]/", true)).message).toContain("metadata");
    expect((await refused("http://[fe80::1]/")).message).toContain("link-local");
    expect((await refused("http://[fc00::1]/")).reason).toBe("private");
  });

  it("refuses unspecified, multicast and broadcast addresses", async () => {
    for (const url of ["http://0.0.0.0:11434", "http://[::]/", "http://224.0.0.1", "http://255.255.255.255", "http://[ff02::1]/"]) {
      expect((await refused(url, true)).reason).toBe("blocked");
    }
  });

  it("allows loopback by default (local Ollama, vLLM, LM Studio)", async () => {
    for (const url of ["http://localhost:11434/v1", "http://127.0.0.1:8000/v1", "http://127.8.9.10/", "http://[::1]:1234/v1", "http://[::ffff:127.0.0.1]/"]) {
      expect((await checkBaseUrl(url, { allowPrivate: false, resolver })).ok, url).toBe(true);
    }
  });

  it("allows private networks when the workspace allows private endpoints", async () => {
    for (const url of ["http://10.0.0.1/v1", "http://internal.test/v1", "http://[::ffff:10.0.0.1]", "http://192.168.1.5:11434/v1"]) {
      expect((await checkBaseUrl(url, { allowPrivate: true, resolver })).ok, url).toBe(true);
    }
  });

  it("accepts http(s) only, without credentials, and says why otherwise", async () => {
    expect((await refused("ftp://example.com")).message).toMatch(/must start with http:\/\/ or https:\/\/ \(got ftp\)/);
    expect((await refused("file:///etc/passwd")).reason).toBe("scheme");
    const creds = await refused("https://user:s3cr3tpw@public.test/v1");
    expect(creds.reason).toBe("credentials");
    expect(creds.message).not.toContain("s3cr3tpw");
    expect((await refused("not a url")).reason).toBe("invalid");
    const dns = await refused("http://nowhere.test/v1");
    expect(dns.reason).toBe("dns");
    expect(dns.message).toMatch(/could not be resolved \(ENOTFOUND\)/);
  });

  it("classifyAddress covers the reserved ranges", () => {
    expect(classifyAddress("8.8.8.8").kind).toBe("allowed");
    expect(classifyAddress("127.0.0.1").kind).toBe("allowed");
    expect(classifyAddress("10.255.255.255").kind).toBe("private");
    expect(classifyAddress("198.18.0.1").kind).toBe("private"); // benchmarking
    expect(classifyAddress("240.0.0.1").kind).toBe("private"); // reserved
    expect(classifyAddress("0.1.2.3").kind).toBe("blocked");
  });
});

describe("guardedFetch: the check again at request time", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" });
        return res.end();
      }
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("catches DNS rebinding: a name that was public when saved and private when called is refused", async () => {
    let calls = 0;
    const rebinding: Resolver = async () => (++calls === 1 ? ["93.184.216.34"] : ["10.0.0.7"]);
    expect((await checkBaseUrl("http://rebind.test/v1", { allowPrivate: false, resolver: rebinding })).ok).toBe(true);
    const doFetch = guardedFetch({ allowPrivate: false, resolver: rebinding, label: "http://rebind.test/v1" });
    const err = await doFetch("http://rebind.test/v1/chat/completions").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedUrlError);
    expect((err as Error).message).toBe(`Base URL http://rebind.test/v1 resolves to a private address (10.0.0.7); ${PRIVATE_HINT}`);
  });

  it("passes allowed requests through and refuses to follow redirects", async () => {
    const doFetch = guardedFetch({ allowPrivate: false });
    expect(await (await doFetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
    const err = await doFetch(`http://127.0.0.1:${port}/redirect`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedUrlError);
    expect((err as Error).message).toMatch(/answered with a redirect \(HTTP 302 to http:\/\/169\.254\.169\.254\/latest\/meta-data\); redirects are not followed/);
  });
});
