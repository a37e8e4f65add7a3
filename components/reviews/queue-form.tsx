"use client";
import { Field, Input, Select } from "@/components/ui/input";
import type { RubricLabel } from "@/lib/reviews/types";

export interface ReviewerOption {
  userId: string;
  name: string;
  email: string;
  role: string;
}

export interface QueueSettings {
  name: string;
  instructions: string;
  blind: boolean;
  reviewsPerItem: number;
  rubricText: string;
  allowComment: boolean;
  assigneeIds: string[];
}

/** "tone: on-brand, off-brand, unsure" per line -> rubric labels. */
export function parseRubric(text: string): RubricLabel[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const i = line.indexOf(":");
      const name = (i >= 0 ? line.slice(0, i) : line).trim();
      const options = (i >= 0 ? line.slice(i + 1) : "")
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean);
      return { name, options };
    });
}

export const rubricToText = (rubric: RubricLabel[]) => rubric.map((l) => `${l.name}: ${l.options.join(", ")}`).join("\n");

const textareaClass =
  "w-full rounded-md border border-zinc-200 bg-white px-3 py-2 text-sm text-zinc-900 placeholder:text-zinc-400 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/20 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-100";

/** The fields a queue's creator and its later editors share. */
export function QueueSettingsFields({ value, onChange, reviewers, idPrefix }: { value: QueueSettings; onChange: (v: QueueSettings) => void; reviewers: ReviewerOption[]; idPrefix: string }) {
  const set = <K extends keyof QueueSettings>(k: K, v: QueueSettings[K]) => onChange({ ...value, [k]: v });
  return (
    <>
      <Field label="Name" htmlFor={`${idPrefix}-name`}>
        <Input id={`${idPrefix}-name`} required maxLength={120} value={value.name} onChange={(e) => set("name", e.target.value)} placeholder="Support replies: weekly sample" />
      </Field>
      <Field label="Instructions" htmlFor={`${idPrefix}-instructions`} hint="Markdown. Shown above every item.">
        <textarea id={`${idPrefix}-instructions`} rows={3} maxLength={20000} value={value.instructions} onChange={(e) => set("instructions", e.target.value)} className={textareaClass} placeholder="Thumbs up when you would send it as is…" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Reviews per item" htmlFor={`${idPrefix}-rpi`} hint="2 or more measures agreement between reviewers.">
          <Select id={`${idPrefix}-rpi`} value={value.reviewsPerItem} onChange={(e) => set("reviewsPerItem", Number(e.target.value))}>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid content-end gap-2 pb-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={value.blind} onChange={(e) => set("blind", e.target.checked)} /> Blind: hide version, label and model from reviewers
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={value.allowComment} onChange={(e) => set("allowComment", e.target.checked)} /> Reviewers may comment
          </label>
        </div>
      </div>
      <Field label="Rubric labels" htmlFor={`${idPrefix}-rubric`} hint="Optional, one per line: name: option, option, … (up to 9 options in all get number keys).">
        <textarea id={`${idPrefix}-rubric`} rows={2} value={value.rubricText} onChange={(e) => set("rubricText", e.target.value)} className={`${textareaClass} font-mono text-xs`} placeholder="tone: on-brand, off-brand, unsure" />
      </Field>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">Reviewers</legend>
        <p className="text-xs text-zinc-500">None ticked: every member with the reviewer role or higher may review.</p>
        <div className="grid max-h-32 gap-1 overflow-y-auto sm:grid-cols-2">
          {reviewers.map((r) => (
            <label key={r.userId} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={value.assigneeIds.includes(r.userId)}
                onChange={(e) => set("assigneeIds", e.target.checked ? [...value.assigneeIds, r.userId] : value.assigneeIds.filter((id) => id !== r.userId))}
              />
              <span className="truncate">
                {r.name} <span className="text-xs text-zinc-400">{r.role}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

export { textareaClass };
