import { invalidInput } from "@/lib/errors";

/** `?label=` | `?version=` and `?at=` from a query string or JSON body, checked. */
export function parseSelector(raw: { label?: unknown; version?: unknown; at?: unknown }): { label?: string; version?: number; at?: Date } {
  const out: { label?: string; version?: number; at?: Date } = {};
  if (raw.label !== undefined && raw.label !== null && raw.label !== "") {
    if (typeof raw.label !== "string" || raw.label.length > 36) throw invalidInput("label must be a label name.");
    out.label = raw.label;
  }
  if (raw.version !== undefined && raw.version !== null && raw.version !== "") {
    const n = Number(raw.version);
    if (!Number.isInteger(n) || n < 1) throw invalidInput("version must be a whole number, 1 or more.");
    out.version = n;
  }
  if (out.label !== undefined && out.version !== undefined) throw invalidInput("Ask for either a label or a version, not both.");
  if (raw.at !== undefined && raw.at !== null && raw.at !== "") {
    const d = typeof raw.at === "string" && /^\d{4}-\d{2}-\d{2}T/.test(raw.at) ? new Date(raw.at) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw invalidInput("at must be an ISO 8601 date-time, e.g. 2026-03-15T14:47:00Z.");
    if (out.version !== undefined) throw invalidInput("at goes with a label, not with a version.");
    out.at = d;
  }
  return out;
}
