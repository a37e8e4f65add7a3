"use client";
import { useRouter } from "next/navigation";
import { PromptDiffEditor } from "@/components/editor";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
// The one module, not the barrel: keeps ajv out of the browser bundle.
import { diffSummary } from "@/lib/prompts/pure/diff-summary";
import { configToText, contentToText, type Snapshot } from "./serialize";

export function ComparePanel({ ws, slug, latest, from, to, fromN, toN }: { ws: string; slug: string; latest: number; from: Snapshot | null; to: Snapshot | null; fromN: number; toN: number }) {
  const router = useRouter();
  const go = (f: number, t: number) => router.push(`/w/${ws}/prompts/${slug}?tab=compare&from=${f}&to=${t}`);
  const numbers = Array.from({ length: latest }, (_, i) => latest - i);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const summary = from && to ? diffSummary(from as any, to as any) : null;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        Compare
        <Select aria-label="From version" className="w-24" value={fromN} onChange={(e) => go(Number(e.target.value), toN)}>
          {numbers.map((n) => (
            <option key={n} value={n}>
              v{n}
            </option>
          ))}
        </Select>
        with
        <Select aria-label="To version" className="w-24" value={toN} onChange={(e) => go(fromN, Number(e.target.value))}>
          {numbers.map((n) => (
            <option key={n} value={n}>
              v{n}
            </option>
          ))}
        </Select>
      </div>
      {!from || !to ? (
        <Alert>That version does not exist.</Alert>
      ) : (
        <>
          <Card>
            <CardHeader title={`v${from.number} (${from.semver}) → v${to.number} (${to.semver})`} description="What changed, and the semantic-version class it implies." />
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
            </CardBody>
          </Card>
          <PromptDiffEditor original={contentToText(from.content)} modified={contentToText(to.content)} originalLabel={`v${from.number} content`} modifiedLabel={`v${to.number} content`} height={380} />
          <PromptDiffEditor original={configToText(from.config)} modified={configToText(to.config)} originalLabel={`v${from.number} config`} modifiedLabel={`v${to.number} config`} height={220} language="json" />
        </>
      )}
    </div>
  );
}
