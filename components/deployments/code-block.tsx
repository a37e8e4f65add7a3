import { CopyButton } from "@/components/ui/copy-button";

/** A titled, copyable snippet; long lines scroll inside the block, never the page. */
export function CodeBlock({ title, code, note }: { title: string; code: string; note?: React.ReactNode }) {
  return (
    <section className="min-w-0 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2 dark:border-zinc-800">
        <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
        <CopyButton value={code} />
      </div>
      {note && <p className="px-4 pt-3 text-sm text-zinc-600 dark:text-zinc-400">{note}</p>}
      <pre className="overflow-x-auto px-4 py-3 font-mono text-xs leading-relaxed text-zinc-800 dark:text-zinc-200">
        <code>{code}</code>
      </pre>
    </section>
  );
}
