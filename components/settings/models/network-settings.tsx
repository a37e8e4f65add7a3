"use client";
import { useState } from "react";
import { updateModelSettingsAction } from "@/app/w/[slug]/settings/models/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/input";
import { MAX_CONCURRENT_RUNS_LIMIT } from "@/lib/providers/schemas";
import { useServerAction } from "../use-action";

type Settings = { allowPrivateEndpoints: boolean; maxConcurrentRuns: number };

export function NetworkSettingsForm({ slug, settings }: { slug: string; settings: Settings }) {
  const [allowPrivate, setAllowPrivate] = useState(settings.allowPrivateEndpoints);
  const [maxRuns, setMaxRuns] = useState(String(settings.maxConcurrentRuns));
  const action = useServerAction();
  const changed = allowPrivate !== settings.allowPrivateEndpoints || Number(maxRuns) !== settings.maxConcurrentRuns;
  return (
    <CardBody>
      <form
        className="grid max-w-xl gap-5"
        onSubmit={(e) => {
          e.preventDefault();
          action.run(() => updateModelSettingsAction(slug, { allowPrivateEndpoints: allowPrivate, maxConcurrentRuns: Number(maxRuns) }), { success: "Network settings saved" });
        }}
      >
        <div className="flex items-start gap-2.5">
          <input id="allow-private" type="checkbox" className="mt-1" checked={allowPrivate} onChange={(e) => setAllowPrivate(e.target.checked)} />
          <div>
            <label htmlFor="allow-private" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Allow private network endpoints
            </label>
            <p className="mt-0.5 text-xs leading-relaxed text-zinc-500">
              Loopback (<code className="font-mono">localhost</code>, <code className="font-mono">127.0.0.1</code>) is always allowed, so a local Ollama works without this. Private ranges
              such as <code className="font-mono">10.x</code>, <code className="font-mono">172.16–31.x</code> and <code className="font-mono">192.168.x</code> are refused unless this
              is on. The cloud metadata address (<code className="font-mono">169.254.169.254</code>) is always refused. Checked when a connection is saved and before every request.
            </p>
          </div>
        </div>
        <Field label="Max concurrent runs" htmlFor="max-concurrent-runs" hint={`Model calls this workspace makes at once (1–${MAX_CONCURRENT_RUNS_LIMIT}); further runs wait their turn.`}>
          <Input
            id="max-concurrent-runs"
            type="number"
            className="w-24"
            min={1}
            max={MAX_CONCURRENT_RUNS_LIMIT}
            step={1}
            required
            aria-invalid={action.error !== null && /maxConcurrentRuns/.test(action.error) ? true : undefined}
            value={maxRuns}
            onChange={(e) => setMaxRuns(e.target.value)}
          />
        </Field>
        {action.error && <Alert>{action.error}</Alert>}
        <div>
          <Button type="submit" pending={action.pending} disabled={!changed}>
            Save settings
          </Button>
        </div>
      </form>
    </CardBody>
  );
}
