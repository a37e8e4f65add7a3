"use client";
import { useRouter } from "next/navigation";
import { PromptDiffEditor } from "@/components/editor";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
// The one module, not the barrel: keeps ajv out of the browser bundle.
import { diffSummary } from "@/lib/prompts/pure/diff-summary";
import { configToText, contentToText } from "./serialize";

/** One side of a comparison: a version, a label's version, or the live draft. */
export type CompareSide = { title: string; content: unknown; config: Record<string, unknown>; variables: string[] };
export type CompareOption = { value: string; label: string };

const short = (v: unknown) => {
  if (v === undefined) return "unset";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

export function ComparePanel({
  ws,
  slug,
  options,
  fromKey,
  toKey,
  from,
  to,
}: {
  ws: string;
  slug: string;
  options: CompareOption[];
  fromKey: string;
  toKey: string;
  from: CompareSide | null;
  to: CompareSide | null;
}) {
  const router = useRouter();
  const go = (f: string, t: string) => router.push(`/w/${ws}/prompts/${slug}?tab=compare&from=${encodeURIComponent(f)}&to=${encodeURIComponent(t)}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const summary = from && to ? diffSummary(from as any, to as any) : null;
  const configChanges = summary ? summary.configChanged.filter((k) => k !== "responseSchema") : [];
  const picker = (label: string, value: string, onChange: (v: string) => void) => (
    <Select aria-label={label} className="w-auto max-w-56" value={value} onChange={(e) => onChange(e.target.value)}>
      {!options.some((o) => o.value === value) && <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        Compare
        {picker("From version", fromKey, (f) => go(f, toKey))}
        with
        {picker("To version", toKey, (t) => go(fromKey, t))}
      </div>
      {!from || !to ? (
        <Alert>{!from ? `“${fromKey}”` : `“${toKey}”`} is not a version, label or the draft of this prompt. Pick one above.</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title={`${from.title} → ${to.title}`} description="What changed, and the semantic-version class it implies." />
            <CardBody className="flex flex-wrap items-center gap-2 text-sm" data-testid="diff-summary">
              <Badge tone={summary!.bump === "major" ? "red" : summary!.bump === "minor" ? "amber" : "neutral"}>{summary!.bump}</Badge>
              <span>{summary!.reason}</span>
              {summary!.variablesAdded.map((v) => (
                <Badge key={`+${v}`} tone="green">
                  + {v}
                </Badge>
              ))}
              {summary!.variablesRemoved.map((v) => (
                <Badge key={`-${v}`} tone="red">
                  − {v}
                </Badge>
              ))}
              {configChanges.map((k) => (
                <Badge key={`c:${k}`} tone="blue" data-testid={`config-change-${k}`}>
                  {k}: {short(from.config[k])} → {short(to.config[k])}
                </Badge>
              ))}
              {summary!.responseSchemaChanged && <Badge tone="red">response schema changed</Badge>}
            </CardBody>
          </Card>
          <PromptDiffEditor original={contentToText(from.content)} modified={contentToText(to.content)} originalLabel={`${from.title} content`} modifiedLabel={`${to.title} content`} height={380} />
          <PromptDiffEditor original={configToText(from.config)} modified={configToText(to.config)} originalLabel={`${from.title} config`} modifiedLabel={`${to.title} config`} height={220} language="json" />
        </>
      )}
    </div>
  );
}
