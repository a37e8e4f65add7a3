"use client";
import { Field, Input } from "@/components/ui/input";
import { PromptEditor } from "@/components/editor";

export type ConfigDraft = { model: string; temperature: string; maxTokens: string; topP: string; stop: string; responseSchema: string };

export function configToDraft(config: Record<string, unknown>): ConfigDraft {
  const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    model: s(config.model),
    temperature: s(config.temperature),
    maxTokens: s(config.maxTokens),
    topP: s(config.topP),
    stop: Array.isArray(config.stop) ? (config.stop as string[]).join(", ") : "",
    responseSchema: config.responseSchema ? JSON.stringify(config.responseSchema, null, 2) : "",
  };
}

/** Draft -> config object; returns an error naming the field instead of throwing. */
export function draftToConfig(d: ConfigDraft): { config: Record<string, unknown> } | { error: string } {
  const config: Record<string, unknown> = {};
  if (d.model.trim()) config.model = d.model.trim();
  for (const [key, raw] of [["temperature", d.temperature], ["maxTokens", d.maxTokens], ["topP", d.topP]] as const) {
    if (!raw.trim()) continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) return { error: `${key} must be a number.` };
    config[key] = n;
  }
  const stop = d.stop.split(",").map((s) => s.trim()).filter(Boolean);
  if (stop.length) config.stop = stop;
  if (d.responseSchema.trim()) {
    try {
      config.responseSchema = JSON.parse(d.responseSchema);
    } catch {
      return { error: "Response schema is not valid JSON." };
    }
  }
  return { config };
}

export function ConfigForm({ value, onChange, readOnly }: { value: ConfigDraft; onChange: (v: ConfigDraft) => void; readOnly?: boolean }) {
  const set = (k: keyof ConfigDraft) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [k]: e.target.value });
  return (
    <div className="grid gap-3">
      <Field label="Model" htmlFor="cfg-model">
        <Input id="cfg-model" value={value.model} onChange={set("model")} disabled={readOnly} placeholder="gpt-4o-mini" />
      </Field>
      <div className="grid grid-cols-3 gap-2">
        <Field label="Temperature" htmlFor="cfg-temp">
          <Input id="cfg-temp" inputMode="decimal" value={value.temperature} onChange={set("temperature")} disabled={readOnly} placeholder="0.7" />
        </Field>
        <Field label="Max tokens" htmlFor="cfg-max">
          <Input id="cfg-max" inputMode="numeric" value={value.maxTokens} onChange={set("maxTokens")} disabled={readOnly} placeholder="1024" />
        </Field>
        <Field label="Top p" htmlFor="cfg-topp">
          <Input id="cfg-topp" inputMode="decimal" value={value.topP} onChange={set("topP")} disabled={readOnly} placeholder="1" />
        </Field>
      </div>
      <Field label="Stop sequences" htmlFor="cfg-stop" hint="Comma separated.">
        <Input id="cfg-stop" value={value.stop} onChange={set("stop")} disabled={readOnly} />
      </Field>
      <div className="grid gap-1.5">
        <span className="text-sm font-medium">Response JSON Schema</span>
        <PromptEditor
          language="json"
          height={160}
          ariaLabel="Response JSON Schema"
          value={value.responseSchema}
          readOnly={readOnly}
          onChange={(v) => onChange({ ...value, responseSchema: v })}
        />
        <p className="text-xs text-zinc-500">Optional. Outputs are validated against it; changing it is a major version.</p>
      </div>
    </div>
  );
}
