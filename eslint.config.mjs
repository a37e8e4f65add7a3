import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import tseslint from "typescript-eslint";

/*
 * Layering (STYLE.md "The shape of the house"), enforced here:
 *  1. Across domains only a domain's public surface may be imported: `@/lib/<domain>` (its index.ts). Never
 *     `@/lib/<domain>/internal`, never another of its files, except the entry points listed in ENTRY_POINTS
 *     (each with its reason) and, for every domain, `pure` (browser-safe helpers, `pure/<file>` too) and `wire`
 *     (public API schemas, DESIGN.md). Within a domain, relative imports are fine; relative paths that climb into
 *     another domain are not. Type-only imports of non-internal files are allowed.
 *  2. No `next` / `next/*` under lib/realtime, lib/jobs, lib/events, lib/runtime (they run in server.ts and workers).
 *  3. components/ may not import (values from) a lib module that is server-only, i.e. that reaches
 *     `import "server-only"` through its imports; type-only imports are fine. The list is computed below.
 *  4. app/ and components/ never import db/ or drizzle directly.
 *  5. lib/<domain>/pure/ stays browser-safe (see PURE_PATTERNS).
 * Tests (__tests__) are exempt from 1, 3 and 5: they reach into what they test.
 */

const ROOT = import.meta.dirname;
const LIB = path.join(ROOT, "lib");
const DOMAINS = readdirSync(LIB).filter((d) => statSync(path.join(LIB, d)).isDirectory());

/** Non-index modules other domains may import, with the reason they are public. */
const ENTRY_POINTS = {
  "auth/session": "Next-bound session helpers (next-auth); the auth index stays loadable from server.ts",
  "auth/next": "the Auth.js instance (next-auth), for Next only",
  "auth/actions": "server-action wrappers (next/headers), for Next only",
  "auth/permissions": "the role table, browser-safe (components show what a role may do)",
  "auth/schemas": "zod schemas used at module load by lib/members (the auth index would form a cycle auth -> members -> auth)",
  "realtime/registry": "the running realtime server, without ws/yjs in Next's bundle (lib/realtime/index.ts)",
  "realtime/token": "token minting for the token route, without ws/yjs in Next's bundle",
  "realtime/draft-model": "the draft document model, shared with the browser editor",
  "http/errors": "the error wire shape, browser-safe (components read error codes)",
  "http/schema": "shared builders of the wire schemas of every domain",
  "openapi/operation": "the operation descriptor every domain's wire.ts declares",
  "providers/presets": "provider presets, browser-safe (the connection dialog)",
  "providers/schemas": "network-settings schema, browser-safe (the settings form)",
  "reviews/types": "review view types (type-only in components)",
  "config/secret": "the instance secret (server.ts, crypto)",
};

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const entryAlternation = Object.keys(ENTRY_POINTS).map(esc).join("|");

/** `@/lib/<other>/<file>` that is not public, for code in `domain` (undefined outside lib/). */
function crossDomainPatterns(domain) {
  const notSelf = domain ? `(?!${esc(domain)}/)` : "";
  return [
    {
      regex: `^@/lib/${notSelf}[^/]+/(.+/)?internal$`,
      message: "Another domain's internal.ts is private: import from @/lib/<domain> (export what you need from its index.ts).",
    },
    {
      regex: `^@/lib/${notSelf}(?!(?:${entryAlternation})$)(?![^/]+/(?:pure|wire)(?:/|$))(?![^/]+/(?:.+/)?internal$)[^/]+/.+`,
      allowTypeImports: true,
      message: "Across domains import only @/lib/<domain> (its index.ts), its pure/ or wire, or an entry point listed in eslint.config.mjs.",
    },
  ];
}

/** Relative specifiers that climb out of lib/<domain>/ from a file `depth` folders below it. */
function climbOutPattern(depth) {
  return { regex: `^(\\.\\./){${depth},}[^./]`, message: "Do not reach into another domain with a relative path: import @/lib/<domain>." };
}

const DB_PATTERN = {
  group: ["@/db", "@/db/*", "**/db/*", "../db", "drizzle-orm", "drizzle-orm/*"],
  message: "Import data access from @/lib/<domain>, never db/ directly.",
};
const NEXT_PATTERN = { group: ["next", "next/*"], message: "This part of lib runs outside Next (server.ts, workers, tests): no next/* imports." };
const NO_NEXT = new Set(["realtime", "jobs", "events", "runtime"]);

/** Every lib module that reaches `import "server-only"` (directly or through its imports), as `@/lib/...` specifiers. */
function serverOnlyModules() {
  const files = [];
  (function walk(dir) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "__tests__") walk(p);
      } else if (/\.tsx?$/.test(e.name)) files.push(p);
    }
  })(LIB);
  const resolve = (from, spec) => {
    const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
    if (!base) return null;
    for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (existsSync(c)) return c;
    return null;
  };
  const edges = new Map();
  const direct = new Set();
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    if (/^import\s+["']server-only["']/m.test(src)) direct.add(f);
    const deps = [];
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const r = resolve(f, m[1]);
      if (r) deps.push(r);
    }
    edges.set(f, deps);
  }
  const memo = new Map();
  const reaches = (f, stack = new Set()) => {
    if (memo.has(f)) return memo.get(f);
    if (direct.has(f)) return memo.set(f, true), true;
    if (stack.has(f)) return false;
    stack.add(f);
    const r = (edges.get(f) ?? []).some((d) => reaches(d, stack));
    stack.delete(f);
    if (r || stack.size === 0) memo.set(f, r);
    return r;
  };
  const out = [];
  for (const f of files) {
    if (!reaches(f)) continue;
    const rel = path.relative(ROOT, f).replace(/\\/g, "/").replace(/\.tsx?$/, "");
    out.push(`@/${rel}`);
    if (rel.endsWith("/index")) out.push(`@/${rel.slice(0, -"/index".length)}`);
  }
  return out.sort();
}

const restrict = (patterns, paths = []) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns, paths }] });

const layering = [];
for (const domain of DOMAINS) {
  for (let depth = 1; depth <= 4; depth++) {
    const patterns = [...crossDomainPatterns(domain), climbOutPattern(depth)];
    if (NO_NEXT.has(domain)) patterns.push(NEXT_PATTERN);
    layering.push({
      files: [`lib/${domain}/${"*/".repeat(depth - 1)}*.{ts,tsx}`],
      ignores: ["**/__tests__/**"],
      rules: restrict(patterns),
    });
  }
}
const serverOnly = serverOnlyModules().map((name) => ({
  name,
  allowTypeImports: true,
  message: "Server-only (it reaches `import \"server-only\"`): browser code (components/, lib/<domain>/pure/) may import its types only; pass data from a server component or action.",
}));

/*
 * 5. `lib/<domain>/pure/` is what the browser may load: no Node built-ins, no `server-only`, no db, and no lib module
 *    that reaches server-only (values; types are fine).
 */
const PURE_PATTERNS = [
  { group: ["node:*", "server-only", "@/db", "@/db/*"], message: "lib/<domain>/pure/ is browser-safe: no Node built-ins, server-only or db imports." },
];
const pureLayering = DOMAINS.map((domain) => ({
  files: [`lib/${domain}/pure/*.{ts,tsx}`],
  ignores: ["**/__tests__/**"],
  rules: restrict([...crossDomainPatterns(domain), climbOutPattern(2), ...PURE_PATTERNS, ...(NO_NEXT.has(domain) ? [NEXT_PATTERN] : [])], serverOnly),
}));

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "dist/**", ".data/**", "db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  ...tseslint.configs.recommended,
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...layering,
  ...pureLayering,
  {
    // Top-level lib modules (context.ts, errors.ts, env.ts, health.ts) are shared by every domain.
    files: ["lib/*.{ts,tsx}"],
    rules: restrict(crossDomainPatterns(undefined)),
  },
  {
    files: ["server.ts", "db/**/*.ts", "scripts/**/*.{ts,mts}", "bench/**/*.ts"],
    ignores: ["**/__tests__/**"],
    rules: restrict(crossDomainPatterns(undefined)),
  },
  {
    // app/ is routing only: data access goes through lib/<domain>.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/__tests__/**"],
    rules: restrict([DB_PATTERN, ...crossDomainPatterns(undefined)]),
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["**/__tests__/**"],
    rules: restrict([DB_PATTERN, ...crossDomainPatterns(undefined)], serverOnly),
  },
);
