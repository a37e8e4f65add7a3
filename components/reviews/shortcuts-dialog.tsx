"use client";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { SHORTCUTS } from "./shortcuts";

export function Kbd({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <kbd className={cn("inline-flex min-w-5 items-center justify-center rounded border border-zinc-300 bg-zinc-50 px-1 font-mono text-[11px] leading-4 text-zinc-700 shadow-[0_1px_0] shadow-zinc-300 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300 dark:shadow-zinc-700", className)}>
      {children}
    </kbd>
  );
}

export function ShortcutsDialog({ mode, open, onOpenChange }: { mode: "single" | "pairwise"; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Keyboard shortcuts" description="Everything on this screen works from the keyboard. Esc closes this.">
        <table className="w-full text-sm" data-testid="shortcuts">
          <tbody>
            {SHORTCUTS[mode].map((s) => (
              <tr key={s.action} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                <td className="w-28 py-1.5 pr-3">
                  <span className="inline-flex gap-1">
                    {s.keys.map((k) => (k === "…" ? <span key={k}>…</span> : <Kbd key={k}>{k}</Kbd>))}
                  </span>
                </td>
                <td className="py-1.5 text-zinc-700 dark:text-zinc-300">{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DialogContent>
    </Dialog>
  );
}
