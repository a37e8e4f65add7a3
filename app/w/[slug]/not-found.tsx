import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { PageHeader } from "@/components/ui/page-header";

export default function WorkspaceNotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <NotFoundPanel title="Nothing lives at this address" back="" backLabel="Back to overview">
        This workspace has no page here. The link may be mistyped or out of date.
      </NotFoundPanel>
    </>
  );
}
