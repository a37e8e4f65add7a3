/** Pure helpers for showing audit events; no server imports. */

// slug is shown in the target column.
const HIDDEN = new Set(["via", "slug"]);

function show(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** One line for the table: "email: alice@acme.test · editor → admin", "name: CI · scopes: admin, prompts:read". */
export function summarizeAuditData(data: Record<string, unknown>): string {
  const parts: string[] = [];
  const pair = "from" in data && "to" in data;
  for (const [k, v] of Object.entries(data)) {
    if (HIDDEN.has(k) || (pair && k === "to")) continue;
    if (pair && k === "from") parts.push(`${show(v)} → ${show(data.to)}`);
    else if (k === "expiresAt" && typeof v === "string") parts.push(`expires: ${v.slice(0, 10)}`);
    else parts.push(`${k}: ${show(v)}`);
  }
  if (typeof data.via === "string") parts.push(`via ${data.via.replace(/_/g, " ")}`);
  return parts.join(" · ");
}

/** "2025-03-15 14:47:03" (UTC). */
export function formatUtc(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}

const NOUN_TONE: Record<string, "neutral" | "blue" | "green" | "amber" | "red"> = {
  workspace: "neutral",
  member: "blue",
  invite: "blue",
  api_key: "amber",
  prompt: "green",
  version: "green",
  label: "green",
  policy: "red",
};

export function actionTone(action: string) {
  return NOUN_TONE[action.split(".")[0] ?? ""] ?? "neutral";
}
