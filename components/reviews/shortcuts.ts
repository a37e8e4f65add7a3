/** The review screen's keyboard map, in one place: the handler and the "?" help both read it. */

export type ReviewAction =
  | { kind: "verdict"; verdict: "up" | "down" | "A" | "B" | "tie" }
  | { kind: "label"; index: number }
  | { kind: "skip" }
  | { kind: "undo" }
  | { kind: "help" }
  | { kind: "comment" }
  | { kind: "prompt" };

export const SHORTCUTS: Record<"single" | "pairwise", { keys: string[]; action: string }[]> = {
  single: [
    { keys: ["↑", "k"], action: "Thumbs up (submits, then the next item)" },
    { keys: ["↓", "j"], action: "Thumbs down (submits, then the next item)" },
    { keys: ["1", "…", "9"], action: "Pick a rubric label option (again to clear)" },
    { keys: ["c"], action: "Write a comment (Esc to leave the box)" },
    { keys: ["p"], action: "Show or hide the rendered prompt" },
    { keys: ["s"], action: "Skip this item (not offered again this session)" },
    { keys: ["u"], action: "Undo your last review (within 10 minutes)" },
    { keys: ["?"], action: "Show these shortcuts" },
  ],
  pairwise: [
    { keys: ["a", "←"], action: "A is better (submits, then the next item)" },
    { keys: ["b", "→"], action: "B is better (submits, then the next item)" },
    { keys: ["t", "="], action: "Tie" },
    { keys: ["1", "…", "9"], action: "Pick a rubric label option (again to clear)" },
    { keys: ["c"], action: "Write a comment (Esc to leave the box)" },
    { keys: ["p"], action: "Show or hide the rendered prompts" },
    { keys: ["s"], action: "Skip this item (not offered again this session)" },
    { keys: ["u"], action: "Undo your last review (within 10 minutes)" },
    { keys: ["?"], action: "Show these shortcuts" },
  ],
};

/** The action for a key press, or null. Modifier chords (Ctrl, Cmd, Alt) never map: the browser keeps them. */
export function actionForKey(mode: "single" | "pairwise", e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">): ReviewAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === "?") return { kind: "help" };
  if (key === "s") return { kind: "skip" };
  if (key === "u") return { kind: "undo" };
  if (key === "c") return { kind: "comment" };
  if (key === "p") return { kind: "prompt" };
  if (/^[1-9]$/.test(key)) return { kind: "label", index: Number(key) - 1 };
  if (mode === "single") {
    if (key === "ArrowUp" || key === "k") return { kind: "verdict", verdict: "up" };
    if (key === "ArrowDown" || key === "j") return { kind: "verdict", verdict: "down" };
  } else {
    if (key === "a" || key === "ArrowLeft") return { kind: "verdict", verdict: "A" };
    if (key === "b" || key === "ArrowRight") return { kind: "verdict", verdict: "B" };
    if (key === "t" || key === "=") return { kind: "verdict", verdict: "tie" };
  }
  return null;
}

/** Rubric options numbered across labels in order (1-9), for the digit shortcuts. */
export function numberedOptions(rubric: { name: string; options: string[] }[]): { label: string; option: string; n: number }[] {
  const out: { label: string; option: string; n: number }[] = [];
  for (const l of rubric) for (const option of l.options) out.push({ label: l.name, option, n: out.length + 1 });
  return out;
}
