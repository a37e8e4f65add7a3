import { TabLink, TabNav } from "@/components/shell/nav-link";

/** Review | Results, under a queue's header. */
export function QueueTabs({ base, showResults }: { base: string; showResults: boolean }) {
  return (
    <TabNav label="Queue">
      <TabLink href={base}>Review</TabLink>
      {showResults && <TabLink href={`${base}/results`}>Results</TabLink>}
    </TabNav>
  );
}
