export default function Loading() {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label="Loading">
      <div className="mb-2 h-6 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="mb-8 h-4 w-72 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-40 rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
    </div>
  );
}
