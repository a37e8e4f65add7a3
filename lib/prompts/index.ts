export { createPrompt, DEFAULT_LABELS } from "./create";
export { commitVersion, revertToVersion, prepareContent, previewCommit, type CommitResult } from "./commit";
export { listPrompts, listPromptFacets } from "./list";
export { getPrompt, listVersions, getVersion, getPromptUsage } from "./get";
export { updatePrompt, setPromptArchived } from "./update";
export { getServedVersion, renderPrompt, loadRenderable, renderLoaded, type Renderable, type ServeSelector } from "./serve";
export { CreatePromptInput, CommitVersionInput, UpdatePromptInput, ListPromptsInput } from "./schemas";
export { presentPrompt, presentVersion } from "./present";
export { parseSelector } from "./selector";
// For other domains that act on a prompt (labels, drafts, runs, playground): fetch-or-404 within the workspace.
export { getPromptInWorkspace, getVersionByNumber, resolveLabel } from "./internal";
export { resolveIncludes } from "./components";
