import * as React from "react";
import { cn } from "@/components/ui/cn";
import { SchemaView, type Components, type JsonSchema } from "./schema-view";

/*
 * A reference page rendered from the OpenAPI document (the same JSON /api/v1/openapi.json serves): grouped by
 * tag, method + path, parameters, body, responses. Server-rendered HTML, no viewer bundle, nothing from a CDN.
 */

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: JsonSchema };
type Response = { description: string; content?: { "application/json": { schema: JsonSchema } } };
type OperationDoc = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, Response>;
  security: Record<string, string[]>[];
  "x-scope"?: string;
};
export type ApiDocument = {
  info: { title: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OperationDoc>>;
  components: { schemas: Components };
};

const METHOD_TONE: Record<string, string> = {
  get: "bg-blue-50 text-blue-700 dark:bg-blue-950 dark:text-blue-300",
  post: "bg-emerald-50 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
  put: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  patch: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  delete: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={cn("inline-flex w-14 justify-center rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold uppercase", METHOD_TONE[method])}>{method}</span>;
}

/** `code` spans in descriptions (the document's markdown subset) as <code>. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/g).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="break-all rounded bg-zinc-100 px-1 font-mono text-[0.9em] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const slugOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function byTag(doc: ApiDocument) {
  const groups = new Map<string, { path: string; method: string; op: OperationDoc }[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) groups.get(op.tags[0] ?? "Other")?.push({ path, method, op });
  }
  return [...groups.entries()].filter(([, ops]) => ops.length > 0);
}

export function ApiReference({ doc, baseUrl }: { doc: ApiDocument; baseUrl: string }) {
  const groups = byTag(doc);
  return (
    <div className="lg:grid lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-8">
      <nav aria-label="Endpoints" className="mb-6 hidden lg:block">
        <div className="sticky top-4 max-h-[calc(100vh-2rem)] space-y-4 overflow-y-auto pr-2 text-xs">
          {groups.map(([tag, ops]) => (
            <div key={tag}>
              <a href={`#${slugOf(tag)}`} className="font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
                {tag}
              </a>
              <ul className="mt-1 space-y-0.5">
                {ops.map(({ op, method }) => (
                  <li key={op.operationId}>
                    <a href={`#${op.operationId}`} className="flex items-center gap-1.5 rounded px-1 py-0.5 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
                      <span className="w-9 shrink-0 font-mono text-[10px] uppercase text-zinc-400">{method}</span>
                      <span className="truncate">{op.summary}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>
      <div className="min-w-0 space-y-10">
        <Intro doc={doc} baseUrl={baseUrl} />
        {groups.map(([tag, ops]) => (
          <section key={tag} id={slugOf(tag)} className="scroll-mt-4 space-y-4">
            <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">{tag}</h2>
            {ops.map(({ path, method, op }) => (
              <OperationCard key={op.operationId} path={path} method={method} op={op} components={doc.components.schemas} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

function Intro({ doc, baseUrl }: { doc: ApiDocument; baseUrl: string }) {
  return (
    <section className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5 text-sm text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400">
      <p>
        <Inline text={doc.info.description} />
      </p>
      <dl className="grid gap-2 text-xs sm:grid-cols-[8rem_minmax(0,1fr)]">
        <dt className="font-medium text-zinc-900 dark:text-zinc-100">Base URL</dt>
        <dd className="break-all font-mono">{baseUrl}</dd>
        <dt className="font-medium text-zinc-900 dark:text-zinc-100">Authentication</dt>
        <dd className="break-all font-mono">Authorization: Bearer pyk_…</dd>
        <dt className="font-medium text-zinc-900 dark:text-zinc-100">Errors</dt>
        <dd className="break-all font-mono">{'{ "error": { "code": "invalid_input", "message": "limit: …" } }'}</dd>
        <dt className="font-medium text-zinc-900 dark:text-zinc-100">OpenAPI 3.1</dt>
        <dd>
          <a href="/api/v1/openapi.json" className="font-mono text-blue-600 hover:underline dark:text-blue-400">
            /api/v1/openapi.json
          </a>{" "}
          — for code generators and API clients.
        </dd>
      </dl>
    </section>
  );
}

function OperationCard({ path, method, op, components }: { path: string; method: string; op: OperationDoc; components: Components }) {
  const params = op.parameters ?? [];
  const body = op.requestBody?.content["application/json"].schema;
  const description = op.description?.replace(/(^|\n\n)Scope: `[^`]+`\.$/, "").trim();
  const auth = op.security.length === 0 ? "No authentication" : op.security.some((s) => "session" in s) ? "API key or signed-in session" : "API key";
  return (
    <article id={op.operationId} className="scroll-mt-4 rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <header className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-2">
          <MethodBadge method={method} />
          <code className="break-all font-mono text-sm text-zinc-900 dark:text-zinc-100">{path}</code>
        </div>
        <h3 className="mt-1.5 text-sm font-medium text-zinc-900 dark:text-zinc-100">{op.summary}</h3>
        {description && (
          <p className="mt-0.5 whitespace-pre-line text-xs text-zinc-500">
            <Inline text={description} />
          </p>
        )}
        <p className="mt-1 text-[11px] text-zinc-400">
          {auth}
          {op["x-scope"] && (
            <>
              {" · scope "}
              <code className="font-mono text-zinc-600 dark:text-zinc-300">{op["x-scope"]}</code>
            </>
          )}
        </p>
      </header>
      <div className="grid gap-4 px-4 py-3 xl:grid-cols-2">
        <div className="min-w-0 space-y-3">
          {params.length > 0 && (
            <Block title="Parameters">
              <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {params.map((p) => (
                  <li key={`${p.in}:${p.name}`} className="py-1.5 text-xs">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <code className="font-mono font-semibold text-zinc-900 dark:text-zinc-100">{p.name}</code>
                      <span className="text-[11px] text-zinc-400">{p.in}</span>
                      <SchemaView schema={p.schema} components={components} />
                      {p.required && <span className="text-[11px] font-medium text-amber-700 dark:text-amber-400">required</span>}
                    </div>
                    {p.description && <p className="mt-0.5 text-zinc-500">{p.description}</p>}
                  </li>
                ))}
              </ul>
            </Block>
          )}
          {body && (
            <Block title={`Request body${op.requestBody?.required ? "" : " (optional)"}`}>
              <SchemaView schema={body} components={components} />
            </Block>
          )}
          {params.length === 0 && !body && <p className="text-xs text-zinc-400">No parameters.</p>}
        </div>
        <Block title="Responses">
          <ul className="space-y-1.5">
            {Object.entries(op.responses).map(([status, r]) => {
              const schema = r.content?.["application/json"].schema;
              const ok = status.startsWith("2") || status === "304";
              return (
                <li key={status} className="text-xs">
                  <details open={status.startsWith("2")}>
                    <summary className="cursor-pointer select-none">
                      <span className={cn("mr-2 font-mono font-semibold", ok ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-500")}>{status}</span>
                      <span className="text-zinc-600 dark:text-zinc-400">{r.description}</span>
                    </summary>
                    {schema && (
                      <div className="ml-3 mt-1 border-l border-zinc-200 pl-3 dark:border-zinc-800">
                        <SchemaView schema={schema} components={components} />
                      </div>
                    )}
                  </details>
                </li>
              );
            })}
          </ul>
        </Block>
      </div>
    </article>
  );
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <h4 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-zinc-400">{title}</h4>
      {children}
    </div>
  );
}
