import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { formatLockfile, LOCKFILE_NAME, LOCKFILE_VERSION, parseLockfile, type LockEntry, type Lockfile } from "@/sdk";
import { connect, ConnectionError, errorMessage, EXIT, parseArgs, stringFlag, UsageError, type ApiClient, type Command } from "../io";

export const pull: Command = {
  name: "pull",
  summary: "Write promptyard.lock.json with the versions a label points to (all prompts, or the slugs given)",
  help: `Usage: promptyard pull [slug...] [--label production] [--json] [--url URL] [--api-key KEY]

Fetches each prompt's version at --label (default production) and writes it to ./promptyard.lock.json
(slug -> version, semver, hash, label, type, content, config). Without slugs: every prompt whose label points
to a version. Entries already in the lockfile for other slugs are kept. The SDK serves locked prompts with no
network after checking each hash. Exit 0 written, 2 usage or connection error (an unknown slug included).`,
  async run(argv, io) {
    const args = parseArgs(argv, { strings: ["label"] });
    const api = connect(args, io);
    const label = stringFlag(args, "label") ?? "production";
    const file = path.join(io.cwd ?? process.cwd(), LOCKFILE_NAME);
    const lock = await readLockfile(file);
    const slugs = args.positionals.length ? args.positionals : await listSlugs(api, label);
    const changed: string[] = [];
    for (const slug of slugs) {
      const entry = await fetchEntry(api, slug, label);
      if (lock.prompts[slug]?.hash !== entry.hash || lock.prompts[slug]?.version !== entry.version) changed.push(slug);
      lock.prompts[slug] = entry;
    }
    lock.server = api.baseUrl;
    lock.pulledAt = new Date().toISOString();
    await writeFile(file, formatLockfile(lock));
    if (args.flags.json) io.stdout.write(`${JSON.stringify({ file, label, pulled: slugs, changed })}\n`);
    else io.stdout.write(`Wrote ${LOCKFILE_NAME}: ${slugs.length} prompt${slugs.length === 1 ? "" : "s"} at ${label}${changed.length ? `, ${changed.length} changed (${changed.join(", ")})` : ", none changed"}.\n`);
    return EXIT.ok;
  },
};

export async function readLockfile(file: string, { required = false } = {}): Promise<Lockfile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    if (required) throw new UsageError(`No ${LOCKFILE_NAME} in ${path.dirname(file)}: run \`promptyard pull\` first.`);
    return { lockfileVersion: LOCKFILE_VERSION, prompts: {} };
  }
  try {
    return parseLockfile(JSON.parse(text));
  } catch (e) {
    throw new UsageError(e instanceof SyntaxError ? `${LOCKFILE_NAME} is not valid JSON: ${e.message}` : (e as Error).message);
  }
}

async function listSlugs(api: ApiClient, label: string): Promise<string[]> {
  const slugs: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await api.request("GET", `/api/v1/prompts?label=${encodeURIComponent(label)}&limit=200&offset=${offset}`);
    if (res.status !== 200) throw new ConnectionError(`GET /api/v1/prompts answered ${res.status}: ${errorMessage(res.body)}`);
    const body = res.body as { prompts: { slug: string; isComponent: boolean }[]; hasMore: boolean };
    slugs.push(...body.prompts.map((p) => p.slug));
    if (!body.hasMore) return slugs;
  }
}

export async function fetchEntry(api: ApiClient, slug: string, label: string): Promise<LockEntry> {
  const res = await api.request("GET", `/api/v1/prompts/${encodeURIComponent(slug)}?label=${encodeURIComponent(label)}`);
  if (res.status !== 200) throw new ConnectionError(`${slug}: ${errorMessage(res.body)} (${res.status})`);
  const p = res.body as LockEntry & { labels: string[] };
  return { version: p.version, semver: p.semver, hash: p.hash, label, type: p.type, content: p.content, config: p.config, variables: p.variables };
}
