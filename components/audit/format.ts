/** Pure helpers for showing audit events; no server imports. */

const HIDDEN = new Set(["via"]);

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** One line for the table: "alice@acme.test: editor → admin", "name: CI · scopes: admin". */
export function summarizeAuditData(action: string, data: Record<string, unknown>): string {
  const d = { ...data };
  const parts: string[] = [];
  if ("from" in d && "to" in d) {
    const who = typeof d.email === "string" ? `${d.email}: ` : "";
    parts.push(`${who}${show(d.from)} → ${show(d.to)}`);
    delete d.from;
    delete d.to;
    delete d.email;
  } else if (action === "member.invite" && typeof d.expiresAt === "string") {
    d.expiresAt = d.expiresAt.slice(0, 10);
  }
  for (const [k, v] of Object.entries(d)) if (!HIDDEN.has(k)) parts.push(`${k}: ${show(v)}`);
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
