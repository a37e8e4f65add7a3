"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Archive, ListPlus, Settings2, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { addItemsAction, deleteQueueAction, updateQueueAction } from "@/app/w/[slug]/reviews/actions";
import { useServerAction } from "@/components/settings/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import type { RubricLabel } from "@/lib/reviews/types";
import { parseRubric, QueueSettingsFields, rubricToText, type QueueSettings, type ReviewerOption } from "./queue-form";
import { RunPicker, type RunPickerRow } from "./run-picker";

export interface AdminQueue {
  id: string;
  name: string;
  instructions: string;
  blind: boolean;
  reviewsPerItem: number;
  rubric: RubricLabel[];
  allowComment: boolean;
  assigneeIds: string[];
  hasFilter: boolean;
  samplingRate: number;
  archived: boolean;
}

/** Settings, add items, close / reopen (editor+) and delete (admin+) for one queue. */
export function QueueAdmin({ ws, queue, runs, reviewers, canDelete }: { ws: string; queue: AdminQueue; runs: RunPickerRow[]; reviewers: ReviewerOption[]; canDelete: boolean }) {
  const router = useRouter();
  const action = useServerAction();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const initial: QueueSettings = {
    name: queue.name,
    instructions: queue.instructions,
    blind: queue.blind,
    reviewsPerItem: queue.reviewsPerItem,
    rubricText: rubricToText(queue.rubric),
    allowComment: queue.allowComment,
    assigneeIds: queue.assigneeIds,
  };
  const [settings, setSettings] = useState<QueueSettings>(initial);
  const [samplingPct, setSamplingPct] = useState(String(Math.round(queue.samplingRate * 1000) / 10));
  const [selected, setSelected] = useState<string[]>([]);

  return (
    <div className="flex flex-wrap gap-2">
      <Dialog
        open={settingsOpen}
        onOpenChange={(o) => {
          setSettingsOpen(o);
          if (o) setSettings(initial);
          action.setError(null);
        }}
      >
        <DialogTrigger asChild>
          <Button size="sm" variant="secondary">
            <Settings2 className="size-4" /> Settings
          </Button>
        </DialogTrigger>
        <DialogContent title="Queue settings" className="max-h-[90vh] max-w-2xl overflow-y-auto">
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              action.run(
                () =>
                  updateQueueAction(ws, {
                    queueId: queue.id,
                    name: settings.name,
                    instructions: settings.instructions,
                    blind: settings.blind,
                    reviewsPerItem: settings.reviewsPerItem,
                    rubric: parseRubric(settings.rubricText),
                    allowComment: settings.allowComment,
                    assigneeIds: settings.assigneeIds,
                    samplingRate: queue.hasFilter ? Number(samplingPct) / 100 : undefined,
                  }),
                { success: "Queue saved", onSuccess: () => setSettingsOpen(false) },
              );
            }}
          >
            {action.error && <Alert>{action.error}</Alert>}
            <QueueSettingsFields value={settings} onChange={setSettings} reviewers={reviewers} idPrefix="edit-queue" />
            {queue.hasFilter && (
              <Field label="Sampling rate (%)" htmlFor="edit-queue-rate" hint="Share of new matching runs this queue takes.">
                <Input id="edit-queue-rate" type="number" min={1} max={100} step="any" value={samplingPct} onChange={(e) => setSamplingPct(e.target.value)} />
              </Field>
            )}
            <Button type="submit" pending={action.pending}>
              Save settings
            </Button>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog
        open={addOpen}
        onOpenChange={(o) => {
          setAddOpen(o);
          setSelected([]);
          action.setError(null);
        }}
      >
        <DialogTrigger asChild>
          <Button size="sm" variant="secondary">
            <ListPlus className="size-4" /> Add runs
          </Button>
        </DialogTrigger>
        <DialogContent title="Add runs to the queue" description="Outputs already in the queue are skipped." className="max-w-2xl">
          <div className="grid gap-4">
            {action.error && <Alert>{action.error}</Alert>}
            <RunPicker runs={runs} selected={selected} onChange={setSelected} />
            <Button
              disabled={selected.length === 0}
              pending={action.pending}
              onClick={() =>
                action.run(() => addItemsAction(ws, queue.id, selected), {
                  onSuccess: (d) => {
                    setAddOpen(false);
                    setSelected([]);
                    toast.success(`${d.added} added${d.skipped ? `, ${d.skipped} skipped` : ""}.`);
                  },
                })
              }
            >
              Add {selected.length || ""} run{selected.length === 1 ? "" : "s"}
            </Button>
          </div>
        </DialogContent>
      </Dialog>

      <Button
        size="sm"
        variant="secondary"
        pending={action.pending && !settingsOpen && !addOpen}
        onClick={() => action.run(() => updateQueueAction(ws, { queueId: queue.id, archived: !queue.archived }), { success: queue.archived ? "Queue reopened" : "Queue closed" })}
      >
        <Archive className="size-4" /> {queue.archived ? "Reopen" : "Close queue"}
      </Button>
      {canDelete && (
        <Button
          size="sm"
          variant="danger-ghost"
          onClick={() => {
            if (!window.confirm(`Delete “${queue.name}” with all its items and reviews? This cannot be undone.`)) return;
            action.run(() => deleteQueueAction(ws, queue.id), { success: "Queue deleted", onSuccess: () => router.push(`/w/${ws}/reviews`) });
          }}
        >
          <Trash2 className="size-4" /> Delete
        </Button>
      )}
    </div>
  );
}
