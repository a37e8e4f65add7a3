import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { PageHeader } from "@/components/ui/page-header";

export default function RunNotFound() {
  return (
    <>
      <PageHeader title="Run not found" />
      <NotFoundPanel title="This workspace has no such run" back="/prompts" backLabel="All prompts">
        The link may be mistyped, or it points at a run in another workspace.
      </NotFoundPanel>
    </>
  );
}
