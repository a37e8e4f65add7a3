export { createWorkspace } from "./create";
export { listWorkspacesForUser } from "./list";
export { renameWorkspace } from "./rename";
export { getWorkspaceSummary } from "./summary";
export { loadWorkspaceForUser } from "./internal";
export { CreateWorkspaceInput, RenameWorkspaceInput, WorkspaceSlug, slugify } from "./schemas";
