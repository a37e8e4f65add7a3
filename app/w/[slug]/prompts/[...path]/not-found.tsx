import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { PageHeader } from "@/components/ui/page-header";

export default function PromptNotFound() {
  return (
    <>
      <PageHeader title="Prompt not found" />
      <NotFoundPanel title="No prompt with this name in this workspace" back="/prompts" backLabel="All prompts">
        It may have been renamed, or the link has a typo. Folders are part of the name, as in support/reply.
      </NotFoundPanel>
    </>
  );
}
