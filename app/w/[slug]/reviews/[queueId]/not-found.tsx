import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { PageHeader } from "@/components/ui/page-header";

export default function QueueNotFound() {
  return (
    <>
      <PageHeader title="Review queue not found" />
      <NotFoundPanel title="This workspace has no such review queue" back="/reviews" backLabel="All review queues">
        It may have been deleted, or the link belongs to another workspace.
      </NotFoundPanel>
    </>
  );
}
