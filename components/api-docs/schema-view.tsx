import * as React from "react";

/* Renders a JSON Schema (2020-12, as zod emits it) as a readable property list. Server component, no JS. */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
};
export type Components = Record<string, JsonSchema>;

const refName = (ref: string) => ref.split("/").pop() ?? ref;

export function resolve(s: JsonSchema, components: Components): JsonSchema {
  return s.$ref ? (components[refName(s.$ref)] ?? {}) : s;
}

/** "string", "integer", "Version[]", "string | ChatMessage[]", "\"text\" | \"chat\"". */
export function typeLabel(s: JsonSchema, components: Components): string {
  if (s.$ref) return refName(s.$ref);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => typeLabel(u, components)).join(" | ");
  if (s.type === "array") return s.prefixItems ? `[${s.prefixItems.map((i) => typeLabel(i, components)).join(", ")}]` : `${wrap(typeLabel(s.items ?? {}, components))}[]`;
  if (s.type === "object" && !s.properties && s.additionalProperties && typeof s.additionalProperties === "object") return `map of ${typeLabel(s.additionalProperties, components)}`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return s.type ?? "any";
}
const wrap = (t: string) => (t.includes(" | ") ? `(${t})` : t);

function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.format) out.push(s.format);
  // zod states the safe-integer range on every integer: not worth a reader's attention.
  const min = s.minimum === Number.MIN_SAFE_INTEGER ? undefined : s.minimum;
  const max = s.maximum === Number.MAX_SAFE_INTEGER ? undefined : s.maximum;
  if (min !== undefined && max !== undefined) out.push(`${min}–${max.toLocaleString("en-US")}`);
  else if (min !== undefined) out.push(`≥ ${min}`);
  else if (max !== undefined) out.push(`≤ ${max.toLocaleString("en-US")}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maxLength !== undefined) out.push(`max ${s.maxLength.toLocaleString("en-US")} chars`);
  if (s.minLength) out.push(s.minLength === 1 ? "not empty" : `min ${s.minLength} chars`);
  if (s.maxItems !== undefined) out.push(`max ${s.maxItems} items`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

/** The object a schema describes (through refs, unions with null and arrays), if it has properties to list. */
function objectOf(s: JsonSchema, components: Components, depth = 0): JsonSchema | null {
  if (depth > 4) return null;
  const r = resolve(s, components);
  if (r.properties) return r;
  if (r.type === "array" && r.items) return objectOf(r.items, components, depth + 1);
  const union = (r.anyOf ?? r.oneOf)?.filter((u) => u.type !== "null");
  if (union?.length === 1) return objectOf(union[0]!, components, depth + 1);
  return null;
}

export function SchemaView({ schema, components, depth = 0 }: { schema: JsonSchema; components: Components; depth?: number }) {
  const obj = objectOf(schema, components);
  if (!obj) {
    return (
      <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
        {typeLabel(schema, components)}
        {resolve(schema, components).description && <span className="ml-2 font-sans text-zinc-500">{resolve(schema, components).description}</span>}
      </p>
    );
  }
  const required = new Set(obj.required ?? []);
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {Object.entries(obj.properties ?? {}).map(([name, prop]) => {
        const r = resolve(prop, components);
        const nested = depth < 3 ? objectOf(prop, components) : null;
        const notes = constraints(r);
        return (
          <li key={name} className="py-1.5">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 text-xs">
              <code className="font-mono font-semibold text-zinc-900 dark:text-zinc-100">{name}</code>
              <span className="break-all font-mono text-zinc-500">{typeLabel(prop, components)}</span>
              {required.has(name) ? <span className="text-[11px] font-medium text-amber-700 dark:text-amber-400">required</span> : null}
              {notes.length > 0 && <span className="text-[11px] text-zinc-400">{notes.join(" · ")}</span>}
            </div>
            {(prop.description ?? r.description) && <p className="mt-0.5 text-xs text-zinc-500">{prop.description ?? r.description}</p>}
            {nested && (
              <details className="mt-1">
                <summary className="cursor-pointer select-none text-[11px] text-zinc-400 hover:text-zinc-600 dark:hover:text-zinc-300">fields</summary>
                <div className="ml-3 border-l border-zinc-200 pl-3 dark:border-zinc-800">
                  <SchemaView schema={nested} components={components} depth={depth + 1} />
                </div>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}
