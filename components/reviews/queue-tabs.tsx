import { TabLink } from "@/components/shell/nav-link";

/** Review | Results, under a queue's header. */
export function QueueTabs({ base, showResults }: { base: string; showResults: boolean }) {
  return (
    <nav className="mb-6 flex gap-5 border-b border-zinc-200 dark:border-zinc-800" aria-label="Queue">
      <TabLink href={base}>Review</TabLink>
      {showResults && <TabLink href={`${base}/results`}>Results</TabLink>}
    </nav>
  );
}
